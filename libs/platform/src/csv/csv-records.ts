/**
 * One CSV record: the physical line it starts on, the record as written (without its line ending),
 * its cells, and what is wrong with its quoting. A line without quotes is split into cells only when
 * they are asked for: most lines of a nightly load are recognised from their text alone.
 */
export class CsvRecord {
  constructor(
    readonly line: number,
    readonly text: string,
    private split: string[] | undefined,
    readonly malformed?: string,
  ) {}

  get cells(): string[] {
    return (this.split ??= this.text.split(','));
  }
}

const QUOTE = 34; // "
const COMMA = 44;

/**
 * Splits decoded text into CSV records (RFC 4180: quoted cells may hold commas, "" and line
 * breaks; CRLF or LF; blank lines skipped), keeping the line each record starts on so that errors
 * name the line a person sees in their editor. A bad quote spoils only its own record.
 * Hand-written because a register extract has a million lines: lines without quotes are split
 * with `String.split`, the rest scanned character by character.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let text = '';
  let line = 1;
  for await (const chunk of chunks) {
    text = text ? text + chunk : chunk;
    let start = 0;
    for (;;) {
      const record = nextRecord(text, start, line, false);
      if (!record) break;
      start = record.end;
      line = record.nextLine;
      if (!record.blank) yield new CsvRecord(record.line, record.text, record.cells, record.malformed);
    }
    text = text.slice(start);
  }
  let start = 0;
  while (start < text.length) {
    const record = nextRecord(text, start, line, true)!;
    start = record.end;
    line = record.nextLine;
    if (!record.blank) yield new CsvRecord(record.line, record.text, record.cells, record.malformed);
  }
}

interface Scanned {
  line: number;
  cells?: string[]; // absent: split the text on commas when asked
  blank?: boolean;
  text: string;
  malformed?: string;
  end: number;
  nextLine: number;
}

/** The record starting at `start`, or null when the text ends inside it and more may come. */
function nextRecord(text: string, start: number, line: number, final: boolean): Scanned | null {
  const newline = text.indexOf('\n', start);
  if (newline < 0 && !final) return null;
  const lineEnd = newline < 0 ? text.length : newline;
  const next = newline < 0 ? text.length : newline + 1;
  const body = text.charCodeAt(lineEnd - 1) === 13 ? text.slice(start, lineEnd - 1) : text.slice(start, lineEnd);
  if (!body.includes('"')) {
    return { line, blank: body.trim() === '', text: body, end: next, nextLine: line + 1 };
  }
  return quotedRecord(text, start, line, final);
}

function quotedRecord(text: string, start: number, line: number, final: boolean): Scanned | null {
  const cells: string[] = [];
  let cell = '';
  let malformed: string | undefined;
  let lines = 0;
  let i = start;
  for (;;) {
    // At the start of a cell.
    const quoted = text.charCodeAt(i) === QUOTE;
    if (quoted) {
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        if (c === 10) lines += 1;
        cell += text[i];
        i += 1;
      }
      if (!closed) {
        if (!final) return null;
        malformed = 'a quoted cell is not closed before the end of the file';
        cells.push(cell);
        return { line, cells, text: text.slice(start), malformed, end: text.length, nextLine: line + lines + 1 };
      }
    }
    // Unquoted text, or what follows a closing quote, up to the next comma or line end.
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) break;
      if (quoted || c === QUOTE) malformed ??= 'quotes must enclose the whole cell ("..."), doubled inside';
      cell += text[i];
      i += 1;
    }
    if (i >= text.length && !final) return null;
    cells.push(cell);
    cell = '';
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      continue;
    }
    const end = c === 13 ? i + 2 : i < text.length ? i + 1 : i;
    return { line, cells, text: text.slice(start, i), malformed, end, nextLine: line + lines + 1 };
  }
}
