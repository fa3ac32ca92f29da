/** The kinds of school a child can attend; migrations/1766700000000-schooling.ts holds the same lists. */
export const SCHOOL_KINDS = [
  'PUBLIC_ELEMENTARY',
  'PUBLIC_LOWER_SECONDARY',
  'COMPULSORY_EDUCATION',
  'PRIVATE',
  'FOREIGN_SCHOOL',
  'OTHER',
] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];

/** Schools that count as 義務教育諸学校 in the MEXT survey (national, public or private). */
export const COMPULSORY_SCHOOL_KINDS: readonly SchoolKind[] = [
  'PUBLIC_ELEMENTARY',
  'PUBLIC_LOWER_SECONDARY',
  'COMPULSORY_EDUCATION',
  'PRIVATE',
];

/** The statuses a board records per child and school year (MEXT survey categories, domain reference §5.2). */
export const RECORDED_SCHOOLING_STATUSES = [
  'ENROLLED_COMPULSORY',
  'ENROLLED_FOREIGN_SCHOOL',
  'NOT_ENROLLED',
  'MOVED_OR_LEFT',
  'UNCONFIRMED',
] as const;
export type RecordedSchoolingStatus = (typeof RECORDED_SCHOOLING_STATUSES)[number];

/** NOT_TRACKED: a school-age child on the register of whom the board holds nothing for the year. */
export const SCHOOLING_STATUSES = [...RECORDED_SCHOOLING_STATUSES, 'NOT_TRACKED'] as const;
export type SchoolingStatus = (typeof SCHOOLING_STATUSES)[number];

/** 長期欠席 reasons; the list is the domain reference's suggestion (marked unverified there). */
export const ABSENCE_REASONS = ['ILLNESS', 'ECONOMIC', 'FUTOKO', 'COVID_AVOIDANCE', 'OTHER'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];
/** Long-term absence: 30 days or more in a school year (domain reference §5.3). */
export const LONG_ABSENCE_DAYS = 30;

export const GUIDE_RESPONSES = ['INTENDS_TO_ENROLL', 'FOREIGN_SCHOOL', 'LEAVING'] as const;
export type GuideResponse = (typeof GUIDE_RESPONSES)[number];

/** Roles with a duty that needs a child's schooling; anyone else is told the record is not there (404). */
export const SCHOOLING_ROLES = ['SCHOOL_OFFICER', 'CITY_CASEWORKER'] as const;
