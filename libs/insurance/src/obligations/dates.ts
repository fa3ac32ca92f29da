/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), without time zones. ISO dates compare correctly
 * as strings, which the rule lookups rely on.
 */

import { addDays } from '@app/platform';

export { addDays };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * The n-th anniversary of a birth date. Someone born on 29 February has it on 1 March in common
 * years: by the Age Calculation Act (年齢計算ニ関スル法律) and Civil Code art. 143 the year runs out
 * at the end of the last day of February.
 */
export function anniversary(birthDate: string, years: number): string {
  const [year, month, day] = birthDate.split('-').map(Number);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) return `${String(target).padStart(4, '0')}-03-01`;
  return `${String(target).padStart(4, '0')}${birthDate.slice(4)}`;
}

/**
 * How a law counts the day an age is reached.
 * - `EVE_OF_BIRTHDAY`: under the Age Calculation Act a person reaches an age at the end of the day
 *   before the birthday, and the insurance laws that say "the day one reaches N" (N歳に達した日) mean
 *   that eve: National Pension at 20 and 60, Employees' Pension at 70, long-term care at 40 and 65.
 * - `BIRTHDAY`: the late-stage elderly system starts on the 75th birthday itself, and National
 *   Health Insurance and employees' health insurance end the same day.
 */
export type AgeCounting = 'EVE_OF_BIRTHDAY' | 'BIRTHDAY';

/** Whether, on `onDate`, a person born on `birthDate` has reached `age` as the law counts it. */
export function hasReachedAge(birthDate: string, age: number, onDate: string, counting: AgeCounting): boolean {
  const birthday = anniversary(birthDate, age);
  const reachedOn = counting === 'BIRTHDAY' ? birthday : dayBefore(birthday);
  return onDate >= reachedOn;
}

/** The previous calendar day, by string arithmetic (this runs for every age test). */
function dayBefore(date: string): string {
  const day = Number(date.slice(8, 10));
  if (day > 1) return `${date.slice(0, 8)}${String(day - 1).padStart(2, '0')}`;
  return addDays(date, -1);
}

/** Age in whole years on a date (the birthday itself counts), for reason texts. */
export function ageInYears(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate >= anniversary(birthDate, years) ? years : years - 1;
}
