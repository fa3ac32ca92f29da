import { recoverableCells, suppress, type Relation } from './suppression.js';

/** A table of rows × columns with row totals, column totals and a grand total, as relations. */
function grid(cells: number[][]): { values: Map<string, number>; relations: Relation[] } {
  const values = new Map<string, number>();
  const relations: Relation[] = [];
  cells.forEach((row, r) => row.forEach((value, c) => values.set(`r${r}c${c}`, value)));
  cells.forEach((row, r) => {
    values.set(
      `r${r}T`,
      row.reduce((a, b) => a + b, 0),
    );
    relations.push({ total: `r${r}T`, parts: row.map((_, c) => `r${r}c${c}`) });
  });
  cells[0].forEach((_, c) => {
    values.set(
      `Tc${c}`,
      cells.reduce((sum, row) => sum + row[c], 0),
    );
    relations.push({ total: `Tc${c}`, parts: cells.map((_, r) => `r${r}c${c}`) });
  });
  values.set(
    'TT',
    cells.flat().reduce((a, b) => a + b, 0),
  );
  relations.push({ total: 'TT', parts: cells.map((_, r) => `r${r}T`) });
  relations.push({ total: 'TT', parts: cells[0].map((_, c) => `Tc${c}`) });
  return { values, relations };
}

function expectSafe(values: Map<string, number>, relations: Relation[], hidden: Set<string>, k: number) {
  for (const [id, value] of values) if (value < k) expect([id, hidden.has(id)]).toEqual([id, true]);
  for (const relation of relations) {
    const count = [relation.total, ...relation.parts].filter((id) => hidden.has(id)).length;
    expect(count).not.toBe(1);
  }
  expect(recoverableCells(values, relations, hidden)).toEqual([]);
}

describe('small-cell suppression', () => {
  it('hides a small cell and a partner in its row and column, so the totals give nothing away', () => {
    const { values, relations } = grid([
      [2, 30, 40],
      [25, 26, 27],
      [50, 60, 70],
    ]);
    const hidden = suppress(values, relations, 5);
    expect(hidden.has('r0c0')).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(4);
    expectSafe(values, relations, hidden, 5);
    // Only what was needed: the large cells of the third row stay published.
    expect(hidden.has('r2c2')).toBe(false);
  });

  it('publishes everything when no cell is under k', () => {
    const { values, relations } = grid([
      [10, 20],
      [30, 40],
    ]);
    expect(suppress(values, relations, 5).size).toBe(0);
  });

  it('hides zeros and ones alike, and a small total with its parts', () => {
    const { values, relations } = grid([
      [0, 1],
      [2, 1],
    ]);
    const hidden = suppress(values, relations, 5);
    expect([...values.keys()].filter((id) => !hidden.has(id))).toEqual([]);
  });

  it('catches a value recoverable only by combining relations that each hide two cells', () => {
    // T1 = a + b, T2 = b + c, T3 = a + c: each hides two, yet a = (T1 - T2 + T3) / 2.
    const values = new Map([
      ['a', 3],
      ['b', 4],
      ['c', 2],
      ['T1', 7],
      ['T2', 6],
      ['T3', 5],
    ]);
    const relations: Relation[] = [
      { total: 'T1', parts: ['a', 'b'] },
      { total: 'T2', parts: ['b', 'c'] },
      { total: 'T3', parts: ['a', 'c'] },
    ];
    expect(recoverableCells(values, relations, new Set(['a', 'b', 'c'])).sort()).toEqual(['a', 'b', 'c']);
    const hidden = suppress(values, relations, 5);
    expectSafe(values, relations, hidden, 5);
  });

  it('leaves nothing recoverable on 200 random tables with margins', () => {
    let seed = 2026;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n += 1) {
      const rows = 2 + Math.floor(random() * 4);
      const cols = 2 + Math.floor(random() * 4);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (random() < 0.3 ? Math.floor(random() * 5) : 5 + Math.floor(random() * 50))),
      );
      const { values, relations } = grid(cells);
      expectSafe(values, relations, suppress(values, relations, 5), 5);
    }
  });
});
