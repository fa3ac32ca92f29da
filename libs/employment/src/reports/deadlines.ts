/**
 * When an employer's report of hiring or separating a foreign worker (外国人雇用状況の届出) is due
 * (domain reference §4):
 * - insured in Employment Insurance, hire: by the 10th of the following month (on the
 *   資格取得届);
 * - insured, separation: within 10 days counted from the day after separation (資格喪失届), so
 *   the 10th day after the separation date;
 * - not insured, hire or separation: by the end of the following month.
 * Dates are ISO calendar dates (YYYY-MM-DD); no time zone is involved.
 */
import { addDays, daysBetween } from '@app/platform';

export type ReportType = 'HIRE' | 'SEPARATION';

export interface ReportTiming {
  /** The last day the report is on time. */
  deadline: string;
  /** Days after the deadline the report was received; 0 when on time. */
  daysLate: number;
}

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of the month after the date's month. */
function endOfFollowingMonth(date: string): string {
  const [year, month] = parts(date);
  // Day 0 of the month after next is the last day of the next month.
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.toISOString().slice(0, 10);
}

export function reportDeadline(type: ReportType, eiInsured: boolean, eventDate: string): string {
  if (!eiInsured) return endOfFollowingMonth(eventDate);
  if (type === 'HIRE') {
    const [year, month] = parts(eventDate);
    return month === 12 ? iso(year + 1, 1, 10) : iso(year, month + 1, 10);
  }
  return addDays(eventDate, 10);
}

/** The deadline of a report and how late it was, given the day the PESO received it. */
export function reportTiming(
  type: ReportType,
  eiInsured: boolean,
  eventDate: string,
  receivedOn: string,
): ReportTiming {
  const deadline = reportDeadline(type, eiInsured, eventDate);
  return { deadline, daysLate: Math.max(0, daysBetween(deadline, receivedOn)) };
}
