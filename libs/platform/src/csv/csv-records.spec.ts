import { csvRecords } from './csv-records.js';

type Plain = { line: number; cells: string[]; text: string; malformed?: string };

async function records(...chunks: string[]): Promise<Plain[]> {
  async function* source() {
    yield* chunks;
  }
  const out: Plain[] = [];
  for await (const record of csvRecords(source())) {
    const { line, cells, text, malformed } = record;
    out.push(malformed ? { line, cells, text, malformed } : { line, cells, text });
  }
  return out;
}

describe('csvRecords', () => {
  it('splits lines and cells, skipping blank lines but counting them', async () => {
    expect(await records('a,b\r\n\n1,2\n')).toEqual([
      { line: 1, cells: ['a', 'b'], text: 'a,b' },
      { line: 3, cells: ['1', '2'], text: '1,2' },
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, across chunk boundaries', async () => {
    const found = await records('k,v\n1,"a, ""b""', '\nc"\n2,x');
    expect(found).toEqual([
      { line: 1, cells: ['k', 'v'], text: 'k,v' },
      { line: 2, cells: ['1', 'a, "b"\nc'], text: '1,"a, ""b""\nc"' },
      { line: 4, cells: ['2', 'x'], text: '2,x' },
    ]);
  });

  it('marks a record whose quotes are misplaced, and goes on with the next', async () => {
    const found = await records('1,ab"c\n2,"x"y\n3,ok\n');
    expect(found.map((r) => [r.line, Boolean(r.malformed)])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
  });

  it('reports a quote left open at the end of the file', async () => {
    const [first, second] = await records('1,ok\n2,"never closed\n3,x\n');
    expect(first.malformed).toBeUndefined();
    expect(second.malformed).toMatch(/not closed/);
  });

  it('keeps empty cells, also a trailing one', async () => {
    expect((await records('a,,b,\n'))[0].cells).toEqual(['a', '', 'b', '']);
    expect((await records('"",""\n'))[0].cells).toEqual(['', '']);
  });
});
