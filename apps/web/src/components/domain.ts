// Value lists of the language, orientation and cases APIs (the order the screens offer them in).
import type {
  CaseCategory,
  CasePriority,
  ConsentPurpose,
  Framework,
  OrientationTopic,
  ReferenceLevel,
} from '../api/types';

export const REFERENCE_LEVELS: readonly ReferenceLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
export const PROVIDER_KINDS = [
  'MUNICIPALITY',
  'INTERNATIONAL_ASSOCIATION',
  'NPO',
  'VOLUNTEER_GROUP',
  'SCHOOL',
  'EMPLOYER',
  'OTHER',
] as const;
export const FRAMEWORKS: readonly Framework[] = ['JLPT', 'JF_STANDARD', 'JFT_BASIC', 'SCHOOL_DLA'];

/** The levels of each framework, lowest first; the API refuses (400, `level`) any other. */
export const LEVELS_OF: Record<Framework, readonly string[]> = {
  JLPT: ['N5', 'N4', 'N3', 'N2', 'N1'],
  JF_STANDARD: REFERENCE_LEVELS,
  JFT_BASIC: ['BELOW_A2', 'A2'],
  SCHOOL_DLA: ['1', '2', '3', '4', '5', '6'],
};

export const ORIENTATION_TOPICS: readonly OrientationTopic[] = [
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
];

export const CASE_CATEGORIES: readonly CaseCategory[] = [
  'HOUSING',
  'DEBT',
  'HEALTH_INSURANCE_ENROLMENT',
  'PENSION',
  'SCHOOL_ENROLMENT',
  'JOB_SEARCH',
  'WORKING_CONDITIONS',
  'STATUS_OF_RESIDENCE',
  'LANGUAGE',
  'CHILDCARE',
  'HEALTH',
  'DOMESTIC_VIOLENCE',
  'OTHER',
];
export const CASE_STATUSES = ['OPEN', 'WAITING', 'REFERRED', 'CLOSED'] as const;
export const PRIORITIES: readonly CasePriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'EMPLOYMENT_SUPPORT',
  'SCHOOL_ENROLMENT_SUPPORT',
  'INSURANCE_ENROLMENT',
  'LIVING_SUPPORT',
  'LANGUAGE_SUPPORT',
];
export const REFERRAL_STATUSES = ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED'] as const;

/** ISO 639-1 (two letters) or ja-easy (やさしい日本語), as the API writes languages. */
export const LANGUAGE_CODE = /^([a-z]{2}|ja-easy)$/;

/** Today in Japan (the offices' calendar), YYYY-MM-DD. */
export function officeToday(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}
