/**
 * Dates of law are calendar dates in the office's time zone (Asia/Tokyo), written as
 * ISO strings 'YYYY-MM-DD'. These helpers never use the server's own time zone.
 */
export type IsoDate = string;

// One formatter per time zone: building an Intl.DateTimeFormat costs ~0.2 ms, and every request asks.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function officeDate(instant: Date, timeZone = 'Asia/Tokyo'): IsoDate {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written YYYY-MM-DD. Arithmetic, not Date parsing: imports check millions. */
/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
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
