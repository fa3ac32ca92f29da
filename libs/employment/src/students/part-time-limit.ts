/**
 * The 28-hour limit on part-time work with permission for activities outside the status (資格外活動
 * 許可): students and dependants may work at most 28 hours in any 7 consecutive days, whichever day
 * the 7 days start on; during the school's long vacations a student may work up to 8 hours a day.
 * Dates are ISO calendar dates.
 */
import { addDays } from '@app/platform';

export const WEEKLY_LIMIT_HOURS = 28;
export const VACATION_DAILY_LIMIT_HOURS = 8;

export interface WorkDay {
  date: string;
  hours: number;
}

export interface Vacation {
  from: string;
  to: string;
}

export interface LimitBreach {
  /** The 7-day window (inclusive) or, in a vacation, the day. */
  from: string;
  to: string;
  hours: number;
  limit: number;
  rule: 'WEEKLY_28' | 'VACATION_DAILY_8';
}

function inVacation(date: string, vacations: readonly Vacation[]): boolean {
  return vacations.some((vacation) => vacation.from <= date && date <= vacation.to);
}

/**
 * Every breach in the recorded days: each 7-day window ending on a worked day whose hours outside
 * vacations exceed 28, and each vacation day over 8 hours. Overlapping windows are all reported,
 * so a counselor sees exactly which weeks went over.
 */
export function partTimeBreaches(days: readonly WorkDay[], vacations: readonly Vacation[] = []): LimitBreach[] {
  const hoursOn = new Map<string, number>();
  for (const day of days) hoursOn.set(day.date, (hoursOn.get(day.date) ?? 0) + day.hours);
  const breaches: LimitBreach[] = [];
  for (const date of [...hoursOn.keys()].sort()) {
    const hours = hoursOn.get(date)!;
    if (inVacation(date, vacations)) {
      if (hours > VACATION_DAILY_LIMIT_HOURS) {
        breaches.push({ from: date, to: date, hours, limit: VACATION_DAILY_LIMIT_HOURS, rule: 'VACATION_DAILY_8' });
      }
      continue;
    }
    let week = 0;
    for (let back = 0; back < 7; back += 1) {
      const day = addDays(date, -back);
      if (!inVacation(day, vacations)) week += hoursOn.get(day) ?? 0;
    }
    if (week > WEEKLY_LIMIT_HOURS) {
      breaches.push({ from: addDays(date, -6), to: date, hours: week, limit: WEEKLY_LIMIT_HOURS, rule: 'WEEKLY_28' });
    }
  }
  return breaches;
}
