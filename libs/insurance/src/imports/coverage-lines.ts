import { createReadStream } from 'node:fs';
import { csvRecords, decodeStream, detectEncoding } from '@app/platform';
import { parseExternalDate } from '@app/matching';
import type { Scheme } from '../obligations/index.js';
import { COVERAGE_ROLES } from '../coverage/coverage-period.dto.js';

/** Columns a coverage roll adds to the match run's (names are part of the interface). */
export const COVERAGE_ROLL_COLUMNS = ['start_date', 'end_date', 'role'] as const;

/** What one data row of a roll says about coverage, or why it cannot become a period. */
export interface CoverageLine {
  /** The data row's index, numbered as the match run numbers it. */
  seq: number;
  line: number;
  sourceRef: string;
  role: string | null;
  startDate: string | null;
  endDate: string | null;
  error: { field: string; reason: string } | null;
}

export class CoverageFileError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The role a roll of this scheme means when it has no role column. */
export function defaultRoleOf(scheme: Scheme): string {
  return scheme === 'NP' ? 'NP_CATEGORY_1' : 'INSURED';
}

/**
 * Reads the coverage columns of a roll. Rows are numbered exactly as `readMatchInput` numbers them
 * (every non-blank record after the header), so a match result's `seq` finds its line here.
 */
export async function readCoverageLines(path: string, scheme: Scheme): Promise<CoverageLine[]> {
  const encoding = await detectEncoding(path);
  let header: string[] | null = null;
  const lines: CoverageLine[] = [];
  for await (const record of csvRecords(decodeStream(createReadStream(path), encoding))) {
    if (!header) {
      header = record.cells.map((cell) => cell.trim().toLowerCase());
      if (!header.includes('start_date')) throw new CoverageFileError('start_date', 'required column is missing');
      continue;
    }
    const columns = header;
    const cell = (name: string) => {
      const index = columns.indexOf(name);
      return index < 0 ? '' : (record.cells[index] ?? '').trim();
    };
    lines.push(coverageLine(lines.length, record.line, record.malformed, cell, scheme));
  }
  if (!header) throw new CoverageFileError('file', 'is empty (no header line)');
  return lines;
}

function coverageLine(
  seq: number,
  line: number,
  malformed: string | undefined,
  cell: (name: string) => string,
  scheme: Scheme,
): CoverageLine {
  const base = { seq, line, sourceRef: cell('source_ref'), role: null, startDate: null, endDate: null };
  if (malformed) return { ...base, error: { field: 'line', reason: malformed } };
  const role = cell('role').toUpperCase() || defaultRoleOf(scheme);
  if (!(COVERAGE_ROLES as readonly string[]).includes(role)) {
    return { ...base, error: { field: 'role', reason: `must be one of ${COVERAGE_ROLES.join(', ')}` } };
  }
  const startDate = parseExternalDate(cell('start_date'));
  if (!startDate) return { ...base, error: { field: 'start_date', reason: 'must be a calendar date' } };
  const endText = cell('end_date');
  const endDate = endText ? parseExternalDate(endText) : null;
  if (endText && !endDate) return { ...base, error: { field: 'end_date', reason: 'must be a calendar date' } };
  if (endDate && endDate < startDate) {
    return { ...base, error: { field: 'end_date', reason: 'must not be before start_date' } };
  }
  return { ...base, role, startDate, endDate, error: null };
}
