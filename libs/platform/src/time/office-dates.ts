/**
 * Dates of law are calendar dates in the office's time zone (Asia/Tokyo), written as
 * ISO strings 'YYYY-MM-DD'. These helpers never use the server's own time zone.
 */
export type IsoDate = string;

export function officeDate(instant: Date, timeZone = 'Asia/Tokyo'): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Japanese fiscal and school years both start on 1 April. */
export function fiscalYearOf(date: IsoDate): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

export const schoolYearOf = fiscalYearOf;

export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * Compulsory schooling (domain reference §5.1): a child starts elementary school on the first
 * 1 April after legally turning 6 (the day before the birthday), so children born on 1 April
 * join the earlier year group; compulsory schooling ends on 31 March nine years later.
 */
export function compulsorySchooling(birthDate: IsoDate): { elementaryEntry: IsoDate; end: IsoDate } {
  const [year, month, day] = birthDate.split('-').map(Number);
  const entryYear = month > 4 || (month === 4 && day >= 2) ? year + 7 : year + 6;
  return { elementaryEntry: `${entryYear}-04-01`, end: `${entryYear + 9}-03-31` };
}
