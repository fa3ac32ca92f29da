import { isISO6391, Matches, registerDecorator, type ValidationOptions } from 'class-validator';

/** What an orientation session covers (domain reference §7.1); the migration checks the same list. */
export const ORIENTATION_TOPICS = [
  'RESIDENCE_PROCEDURES',
  'MUNICIPAL_PROCEDURES',
  'RIGHTS_DUTIES_LAW',
  'WORK_RULES',
  'HEALTH_INSURANCE',
  'PENSION_WELFARE',
  'TAX',
  'CHILDBIRTH_CHILDCARE',
  'SCHOOL_ENROLLMENT',
  'MEDICAL_ACCESS',
  'TRAFFIC_TRANSPORT',
  'EMERGENCY_DISASTER',
  'HOUSING',
  'GARBAGE_MANNERS',
  'BANKING_SHOPPING',
  'JAPANESE_LEARNING',
] as const;
export type OrientationTopic = (typeof ORIENTATION_TOPICS)[number];

export const ATTENDANCE_STATUSES = ['REGISTERED', 'ATTENDED', 'NO_SHOW'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** やさしい日本語 (easy Japanese), written where an ISO 639-1 code would be. */
export const EASY_JAPANESE = 'ja-easy';

/** An ISO 639-1 code (a real one: `xx` is refused), or ja-easy. */
export function isOrientationLanguage(value: unknown): value is string {
  return typeof value === 'string' && (value === EASY_JAPANESE || (/^[a-z]{2}$/.test(value) && isISO6391(value)));
}

/** Each element (with `each: true`) or the value is an ISO 639-1 code or ja-easy. */
export function IsOrientationLanguage(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isOrientationLanguage',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) => `${property} must be ISO 639-1 codes such as vi, or ja-easy (やさしい日本語)`,
        ...options,
      },
      validator: { validate: isOrientationLanguage },
    });
}

/** A time of day, HH:MM (24-hour). */
export const IsTimeOfDay = (): PropertyDecorator =>
  Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startsAt must be a time written HH:MM (24-hour)' });
