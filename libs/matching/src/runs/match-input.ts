import { csvRecords, decodeStream, detectEncoding, type CsvRecord, type FileEncoding } from '@app/platform';
import { createReadStream } from 'node:fs';
import { isKanaName } from '../names/index.js';
import type { ExternalRecord } from '../engine/match-engine.js';

/** Columns of a match run's input file (names are part of the interface). */
export const MATCH_INPUT_COLUMNS = [
  'source_ref',
  'kana_name',
  'birth_date',
  'sex',
  'alphabet_name',
  'nationality',
] as const;
export const REQUIRED_MATCH_COLUMNS = ['source_ref', 'kana_name', 'birth_date', 'sex'] as const;
export type MatchColumn = (typeof MATCH_INPUT_COLUMNS)[number];

/** The file as a whole cannot be matched (e.g. a required column is missing). */
export class MatchFileError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** One data row: what it said, and either a record to match or why it cannot be matched. */
export interface InputRow {
  seq: number;
  line: number;
  cells: Record<MatchColumn, string>;
  record: ExternalRecord | null;
  error: { field: string; reason: string } | null;
}

export interface MatchInput {
  encoding: FileEncoding;
  rows: InputRow[];
  unknownColumns: string[];
}

const LATIN_NAME = /^[\p{Script=Latin}\s.,'-]+$/u;
// ISO/IEC 5218 codes too (1 male, 2 female), as Japanese systems write them.
const SEXES: Record<string, string> = {
  M: 'M',
  F: 'F',
  X: 'X',
  '1': 'M',
  '2': 'F',
  男: 'M',
  女: 'F',
  男性: 'M',
  女性: 'F',
};

/**
 * Dates as external systems write them (birth dates, coverage starts): 1990-05-03, 1990/5/3,
 * 1990.05.03 or 19900503.
 * Returns the ISO date, or null when the text is not a real calendar date.
 */
export function parseExternalDate(text: string): string | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Checks one row's cells: a record to match, or the field that prevents it and why. */
export function checkRow(cells: Record<MatchColumn, string>): {
  record: ExternalRecord | null;
  error: InputRow['error'];
} {
  const fail = (field: string, reason: string) => ({ record: null, error: { field, reason } });
  if (!cells.source_ref) return fail('source_ref', 'is empty');
  // A name in the alphabet (in its own column, or typed into the kana column) is matched through
  // its katakana readings; a row with no name at all cannot be matched.
  let kanaName = cells.kana_name;
  let alphabetName = cells.alphabet_name;
  if (kanaName && !isKanaName(kanaName) && LATIN_NAME.test(kanaName.normalize('NFKC'))) {
    alphabetName ||= kanaName;
    kanaName = '';
  }
  if (!kanaName && !alphabetName) return fail('kana_name', 'is empty');
  if (kanaName && !isKanaName(kanaName)) return fail('kana_name', 'must be written in kana (katakana or hiragana)');
  if (!cells.birth_date) return fail('birth_date', 'is empty');
  const birthDate = parseExternalDate(cells.birth_date);
  if (!birthDate) return fail('birth_date', `"${cells.birth_date}" is not a date (YYYY-MM-DD)`);
  const nationality = cells.nationality.toUpperCase();
  return {
    error: null,
    record: {
      sourceRef: cells.source_ref,
      kanaName,
      birthDate,
      sex: SEXES[cells.sex.toUpperCase()] ?? null,
      alphabetName: alphabetName || null,
      nationality: /^[A-Z]{2}$/.test(nationality) ? nationality : null,
    },
  };
}

/**
 * Reads a match run's input (UTF-8 or Shift_JIS, header-driven columns). Every data row is kept in
 * file order; rows that cannot be matched carry the field and the reason.
 */
export async function readMatchInput(path: string): Promise<MatchInput> {
  const encoding = await detectEncoding(path);
  const records = csvRecords(decodeStream(createReadStream(path), encoding));
  let header: string[] | null = null;
  const rows: InputRow[] = [];
  let unknownColumns: string[] = [];
  for await (const record of records) {
    if (!header) {
      header = record.cells.map((cell) => cell.trim().toLowerCase());
      const missing = REQUIRED_MATCH_COLUMNS.filter((column) => !header!.includes(column));
      if (missing.length > 0) throw new MatchFileError(missing[0], 'required column is missing');
      unknownColumns = header.filter((column) => !(MATCH_INPUT_COLUMNS as readonly string[]).includes(column));
      continue;
    }
    rows.push(inputRow(rows.length, record, header));
  }
  if (!header) throw new MatchFileError('file', 'is empty (no header line)');
  return { encoding, rows, unknownColumns };
}

function inputRow(seq: number, record: CsvRecord, header: string[]): InputRow {
  const cells = Object.fromEntries(MATCH_INPUT_COLUMNS.map((column) => [column, ''])) as Record<MatchColumn, string>;
  header.forEach((column, i) => {
    if (column in cells) cells[column as MatchColumn] = (record.cells[i] ?? '').trim();
  });
  if (record.malformed)
    return { seq, line: record.line, cells, record: null, error: { field: 'line', reason: record.malformed } };
  return { seq, line: record.line, cells, ...checkRow(cells) };
}

/** Reads only the header: a file missing a required column is refused before a job is queued. */
export async function checkMatchHeader(path: string): Promise<void> {
  const encoding = await detectEncoding(path);
  const stream = createReadStream(path, { end: 64 * 1024 });
  for await (const record of csvRecords(decodeStream(stream, encoding))) {
    const header = record.cells.map((cell) => cell.trim().toLowerCase());
    const missing = REQUIRED_MATCH_COLUMNS.filter((column) => !header.includes(column));
    if (missing.length > 0) throw new MatchFileError(missing[0], 'required column is missing');
    return;
  }
  throw new MatchFileError('file', 'is empty (no header line)');
}
