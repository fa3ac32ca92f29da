import { createReadStream } from 'node:fs';
import { csvRecords, decodeStream, detectEncoding } from '@app/platform';
import { parseExternalDate } from '@app/matching';
import { reportTiming, type ReportType } from './deadlines.js';

/**
 * Columns of an employers' report file beside the match run's (names are part of the interface):
 * one row per hire or separation, as 外国人雇用状況の届出 carries them (domain reference §4).
 */
export const REPORT_COLUMNS = [
  'report_type',
  'event_date',
  'ei_insured',
  'received_on',
  'status_code',
  'employer_name',
  'corporate_number',
  'establishment_name',
  'establishment_number',
  'is_corporation',
  'employer_headcount',
  'industry',
  'weekly_hours',
  'monthly_wage',
  'occupation',
  'dispatch',
  'contract_end',
] as const;
export const REQUIRED_REPORT_COLUMNS = ['report_type', 'event_date', 'ei_insured', 'employer_name'] as const;

/** The law does not ask for reports on these (domain reference §4); neither do PESO's counts. */
export const NOT_REPORTED_STATUSES = ['SPECIAL_PERMANENT', 'DIPLOMAT', 'OFFICIAL'];

export interface ReportEmployer {
  name: string;
  corporateNumber: string | null;
  establishmentName: string | null;
  establishmentNumber: string | null;
  isCorporation: boolean;
  insuredHeadcount: number | null;
  industry: string | null;
}

export interface ReportLine {
  seq: number;
  line: number;
  sourceRef: string;
  reportType: ReportType | null;
  eventDate: string | null;
  receivedOn: string | null;
  eiInsured: boolean | null;
  deadline: string | null;
  daysLate: number | null;
  statusCode: string | null;
  employer: ReportEmployer | null;
  weeklyContractHours: number | null;
  monthlyScheduledWage: number | null;
  occupation: string | null;
  dispatch: boolean | null;
  /** The end of a fixed-term contract; null: no fixed term. */
  contractEnd: string | null;
  /** INVALID: a column is wrong; REJECTED: the law excludes the person. */
  outcome: 'PENDING' | 'INVALID' | 'REJECTED';
  error: { field: string; reason: string } | null;
}

export class ReportFileError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const TRUE = new Set(['1', 'true', 'yes', 'y', '有', 'あり', 'はい', '○']);
const FALSE = new Set(['0', 'false', 'no', 'n', '無', 'なし', 'いいえ', '×']);
const TYPES: Record<string, ReportType> = {
  HIRE: 'HIRE',
  SEPARATION: 'SEPARATION',
  雇入れ: 'HIRE',
  離職: 'SEPARATION',
};

function yesNo(text: string): boolean | null | undefined {
  if (text === '') return null;
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}

function number(text: string, max: number): number | null | undefined {
  if (text === '') return null;
  const value = Number(text.replace(/[,，]/g, ''));
  return Number.isFinite(value) && value >= 0 && value <= max ? value : undefined;
}

/**
 * Reads the report columns of a file. Rows are numbered as `readMatchInput` numbers them (every
 * non-blank record after the header), so a match result's `seq` finds its report here.
 */
export async function readReportLines(path: string, receivedOn: string): Promise<ReportLine[]> {
  const encoding = await detectEncoding(path);
  let header: string[] | null = null;
  const lines: ReportLine[] = [];
  for await (const record of csvRecords(decodeStream(createReadStream(path), encoding))) {
    if (!header) {
      header = record.cells.map((cell) => cell.trim().toLowerCase());
      const missing = REQUIRED_REPORT_COLUMNS.find((column) => !header!.includes(column));
      if (missing) throw new ReportFileError(missing, 'required column is missing');
      continue;
    }
    const columns = header;
    const cell = (name: string) => {
      const index = columns.indexOf(name);
      return index < 0 ? '' : (record.cells[index] ?? '').trim();
    };
    lines.push(reportLine(lines.length, record.line, record.malformed, cell, receivedOn));
  }
  if (!header) throw new ReportFileError('file', 'is empty (no header line)');
  return lines;
}

function reportLine(
  seq: number,
  line: number,
  malformed: string | undefined,
  cell: (name: string) => string,
  defaultReceivedOn: string,
): ReportLine {
  const base: ReportLine = {
    seq,
    line,
    sourceRef: cell('source_ref'),
    reportType: null,
    eventDate: null,
    receivedOn: null,
    eiInsured: null,
    deadline: null,
    daysLate: null,
    statusCode: cell('status_code').toUpperCase() || null,
    employer: null,
    weeklyContractHours: null,
    monthlyScheduledWage: null,
    occupation: cell('occupation') || null,
    dispatch: null,
    contractEnd: null,
    outcome: 'PENDING',
    error: null,
  };
  const invalid = (field: string, reason: string): ReportLine => ({
    ...base,
    outcome: 'INVALID',
    error: { field, reason },
  });
  if (malformed) return invalid('line', malformed);
  const reportType = TYPES[cell('report_type').toUpperCase()] ?? TYPES[cell('report_type')];
  if (!reportType) return invalid('report_type', 'must be HIRE or SEPARATION (雇入れ or 離職)');
  const eventDate = parseExternalDate(cell('event_date'));
  if (!eventDate) return invalid('event_date', 'must be a calendar date');
  const receivedOn = cell('received_on') ? parseExternalDate(cell('received_on')) : defaultReceivedOn;
  if (!receivedOn) return invalid('received_on', 'must be a calendar date');
  const eiInsured = yesNo(cell('ei_insured'));
  if (eiInsured === undefined || eiInsured === null) return invalid('ei_insured', 'must be yes or no (1 or 0)');
  const isCorporation = yesNo(cell('is_corporation'));
  if (isCorporation === undefined) return invalid('is_corporation', 'must be yes or no (1 or 0)');
  const corporateNumber = cell('corporate_number') || null;
  if (corporateNumber && !/^\d{13}$/.test(corporateNumber)) {
    return invalid('corporate_number', 'must be the 13 digits of the corporate number');
  }
  const headcount = number(cell('employer_headcount'), 10_000_000);
  if (headcount === undefined) return invalid('employer_headcount', 'must be a whole number');
  const hours = number(cell('weekly_hours'), 168);
  if (hours === undefined) return invalid('weekly_hours', 'must be hours between 0 and 168');
  const wage = number(cell('monthly_wage'), 100_000_000);
  if (wage === undefined) return invalid('monthly_wage', 'must be yen');
  const dispatch = yesNo(cell('dispatch'));
  if (dispatch === undefined) return invalid('dispatch', 'must be yes or no (1 or 0)');
  const contractEnd = cell('contract_end') ? parseExternalDate(cell('contract_end')) : null;
  if (cell('contract_end') && (!contractEnd || contractEnd < eventDate)) {
    return invalid('contract_end', 'must be a calendar date on or after event_date');
  }
  const timing = reportTiming(reportType, eiInsured, eventDate, receivedOn);
  const read: ReportLine = {
    ...base,
    reportType,
    eventDate,
    receivedOn,
    eiInsured,
    ...timing,
    employer: {
      name: cell('employer_name'),
      corporateNumber,
      establishmentName: cell('establishment_name') || null,
      establishmentNumber: cell('establishment_number') || null,
      // A corporate number means a corporation; without either, a sole proprietor.
      isCorporation: isCorporation ?? corporateNumber !== null,
      insuredHeadcount: headcount === null ? null : Math.round(headcount),
      industry: cell('industry') || null,
    },
    weeklyContractHours: hours,
    monthlyScheduledWage: wage === null ? null : Math.round(wage),
    dispatch,
    contractEnd,
  };
  if (!read.employer!.name) return invalid('employer_name', 'is required');
  if (base.statusCode && NOT_REPORTED_STATUSES.includes(base.statusCode)) return rejected(read, base.statusCode);
  return read;
}

/** A report the law does not ask for: refused with the reason, never turned into a record. */
export function rejected(line: ReportLine, statusCode: string): ReportLine {
  return {
    ...line,
    outcome: 'REJECTED',
    error: {
      field: 'status_code',
      reason: `${statusCode} is outside foreign-employment reporting (special permanent residents, Diplomat and Official are excluded)`,
    },
  };
}
