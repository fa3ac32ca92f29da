import type { AgeCounting } from './dates.js';
import type { Scheme } from './facts.js';

/**
 * The social insurance rules of domain reference §3 as data with effective dates. A change in the
 * law is a new row here, not a code change: the evaluation looks up the row in force on the date
 * it is asked about, so a date in 2030 applies the 2030 rule.
 *
 * `ruleId` is stable and is what a result cites. `from` is the date the rule (or the value) took
 * effect in law; where the law is older than the period Kyosei models, the comment says so.
 */

/** What a result cites: a rule and the date it took effect. */
export interface RuleRef {
  ruleId: string;
  effectiveFrom: string;
}

export interface DatedValue<T> {
  from: string;
  ruleId: string;
  value: T;
}

/** A parameter of the law whose value changes on fixed dates; rows ascend by `from`. */
export interface DatedParameter<T> {
  id: string;
  description: string;
  values: DatedValue<T>[];
}

/** The row in force on a date, or undefined before the first row. */
export function valueOn<T>(parameter: DatedParameter<T>, onDate: string): DatedValue<T> | undefined {
  let current: DatedValue<T> | undefined;
  for (const row of parameter.values) {
    if (row.from <= onDate) current = row;
    else break;
  }
  return current;
}

export function refOf(row: { ruleId: string; from: string }): RuleRef {
  return { ruleId: row.ruleId, effectiveFrom: row.from };
}

/**
 * The first date each scheme is evaluated for. Earlier dates answer `unknown` rather than apply
 * today's rules to them: before 2016-10 short-time workers had no route into employees' insurance,
 * and before 2017-01 people hired at 65 or over were outside Employment Insurance, which the facts
 * cannot tell apart. Foreign residents have been in the resident register since 2012-07-09.
 */
export const MODELLED_FROM: Record<Scheme, string> = {
  NHI: '2016-10-01',
  EHI: '2016-10-01',
  NP: '2016-10-01',
  EPI: '2016-10-01',
  EI: '2017-01-01',
  LTCI: '2016-10-01',
  LATE_ELDERLY: '2016-10-01',
};

// ---------------------------------------------------------------------------------------------
// Employees' Health Insurance (健康保険) and Employees' Pension (厚生年金), reference §3.2

/**
 * The company-size test for short-time workers: the employer must insure at least this many
 * people. 0 means there is no size test.
 */
export const SHORT_TIME_HEADCOUNT: DatedParameter<number> = {
  id: 'SHORT_TIME_HEADCOUNT',
  description: 'Short-time workers are covered at employers insuring at least this many people (0 = any size)',
  values: [
    { from: '2016-10-01', ruleId: 'SHORT-TIME-501-2016-10', value: 501 }, // "more than 500"
    { from: '2022-10-01', ruleId: 'SHORT-TIME-101-2022-10', value: 101 },
    { from: '2024-10-01', ruleId: 'SHORT-TIME-51-2024-10', value: 51 },
    // Act No. 74 of 2025 (promulgated 2025-06-20) phases the test out [15][15b].
    { from: '2027-10-01', ruleId: 'SHORT-TIME-36-2027-10', value: 36 },
    { from: '2029-10-01', ruleId: 'SHORT-TIME-21-2029-10', value: 21 },
    { from: '2032-10-01', ruleId: 'SHORT-TIME-11-2032-10', value: 11 },
    { from: '2035-10-01', ruleId: 'SHORT-TIME-ANY-2035-10', value: 0 },
  ],
};

/**
 * The ¥88,000 monthly-wage test for short-time workers. Act No. 74 of 2025 abolishes it on a date
 * to be set by Cabinet Order within 3 years of promulgation, once the minimum wage is at least
 * ¥1,016 an hour everywhere. That date is not fixed yet, so the test is kept with no end: add a row
 * with value 0 from the Cabinet-Order date when it is published.
 */
export const SHORT_TIME_MIN_WAGE: DatedParameter<number> = {
  id: 'SHORT_TIME_MIN_WAGE',
  description: 'Minimum scheduled monthly wage (yen) of a short-time worker (0 = no wage test)',
  values: [{ from: '2016-10-01', ruleId: 'SHORT-TIME-WAGE-88000-2016-10', value: 88_000 }],
};

/** Short-time workers need at least this many contracted hours a week; the 2025 reform keeps it. */
export const SHORT_TIME_MIN_HOURS: DatedParameter<number> = {
  id: 'SHORT_TIME_MIN_HOURS',
  description: 'Minimum weekly contract hours of a short-time worker',
  values: [{ from: '2016-10-01', ruleId: 'SHORT-TIME-HOURS-20-2016-10', value: 20 }],
};

/**
 * The full-time test is 3/4 of a regular employee's weekly hours and monthly days. The facts do not
 * carry the employer's regular hours, so 30 hours a week (3/4 of a 40-hour week) stands in for it.
 */
export const FULL_TIME_HOURS: DatedParameter<number> = {
  id: 'FULL_TIME_HOURS',
  description: 'Weekly hours taken as 3/4 of a regular employee (proxy: 3/4 of 40 hours)',
  values: [{ from: '2016-10-01', ruleId: 'EMPLOYEE-FULL-TIME-3-4-2016-10', value: 30 }],
};

/** A minimum expected length of employment, in months; `inclusive` says whether the bound itself passes. */
export interface MinimumMonths {
  months: number;
  inclusive: boolean;
}

/**
 * Everyone: a fixed-term contract of 2 months or less is excluded (since 2022-10 only when no
 * renewal is expected, which the facts cannot show; an expected length is what they carry).
 */
export const EMPLOYEE_MIN_EMPLOYMENT: DatedParameter<MinimumMonths> = {
  id: 'EMPLOYEE_MIN_EMPLOYMENT',
  description: 'Employment must be expected to last longer than 2 months',
  values: [
    { from: '2016-10-01', ruleId: 'EMPLOYEE-DURATION-2M', value: { months: 2, inclusive: false } }, // older law
    { from: '2022-10-01', ruleId: 'EMPLOYEE-DURATION-2M-2022-10', value: { months: 2, inclusive: false } },
  ],
};

/** Short-time workers: 1 year or more expected until 2022-09, then the same 2-month test as everyone. */
export const SHORT_TIME_MIN_EMPLOYMENT: DatedParameter<MinimumMonths> = {
  id: 'SHORT_TIME_MIN_EMPLOYMENT',
  description: 'Expected length of employment of a short-time worker',
  values: [
    { from: '2016-10-01', ruleId: 'SHORT-TIME-DURATION-1Y-2016-10', value: { months: 12, inclusive: true } },
    { from: '2022-10-01', ruleId: 'SHORT-TIME-DURATION-2M-2022-10', value: { months: 2, inclusive: false } },
  ],
};

// ---------------------------------------------------------------------------------------------
// Age limits. Each is a dated parameter too, although none has changed in the modelled period.

export interface AgeLimit {
  age: number;
  counting: AgeCounting;
}

function ageLimit(id: string, description: string, from: string, ruleId: string, value: AgeLimit) {
  return { id, description, values: [{ from, ruleId, value }] } satisfies DatedParameter<AgeLimit>;
}

/** National Pension categories 1 and 3: from the day before the 20th birthday to the day before the 60th. */
export const NP_AGE_FROM = ageLimit(
  'NP_AGE_FROM',
  'National Pension categories 1 and 3 start',
  '1986-04-01',
  'NP-AGE-20',
  {
    age: 20,
    counting: 'EVE_OF_BIRTHDAY',
  },
);
export const NP_AGE_UNTIL = ageLimit(
  'NP_AGE_UNTIL',
  'National Pension categories 1 and 3 end',
  '1986-04-01',
  'NP-AGE-60',
  {
    age: 60,
    counting: 'EVE_OF_BIRTHDAY',
  },
);
/** An Employees' Pension member is NP category 2 at any age below 65; from 65 only without a pension entitlement. */
export const NP_CATEGORY_2_AGE_UNTIL = ageLimit(
  'NP_CATEGORY_2_AGE_UNTIL',
  'National Pension category 2 needs age < 65 unless not entitled to an old-age pension',
  '1986-04-01',
  'NP-CATEGORY-2-65',
  { age: 65, counting: 'EVE_OF_BIRTHDAY' },
);
/** Employees' Pension ends on the day before the 70th birthday (age limit raised from 65 in 2002-04). */
export const EPI_AGE_UNTIL = ageLimit(
  'EPI_AGE_UNTIL',
  "Employees' Pension ends at 70",
  '2002-04-01',
  'EPI-AGE-70-2002-04',
  {
    age: 70,
    counting: 'EVE_OF_BIRTHDAY',
  },
);
/** Employees' health insurance ends on the 75th birthday, when the late-stage elderly system starts. */
export const EHI_AGE_UNTIL = ageLimit(
  'EHI_AGE_UNTIL',
  "Employees' health insurance ends at 75",
  '2008-04-01',
  'EHI-AGE-75-2008-04',
  {
    age: 75,
    counting: 'BIRTHDAY',
  },
);
export const NHI_AGE_UNTIL = ageLimit(
  'NHI_AGE_UNTIL',
  'National Health Insurance ends at 75',
  '2008-04-01',
  'NHI-AGE-75-2008-04',
  {
    age: 75,
    counting: 'BIRTHDAY',
  },
);
export const LATE_ELDERLY_AGE_FROM = ageLimit(
  'LATE_ELDERLY_AGE_FROM',
  'Late-stage elderly medical care starts on the 75th birthday',
  '2008-04-01',
  'LATE-ELDERLY-75-2008-04',
  { age: 75, counting: 'BIRTHDAY' },
);
/** Long-term care: category 2 (40–64, in a medical insurance scheme) from the day before the 40th birthday. */
export const LTCI_CATEGORY_2_AGE_FROM = ageLimit(
  'LTCI_CATEGORY_2_AGE_FROM',
  'Long-term care category 2 starts at 40',
  '2000-04-01',
  'LTCI-CATEGORY-2-40',
  { age: 40, counting: 'EVE_OF_BIRTHDAY' },
);
/** Long-term care: category 1 (65+, every resident) from the day before the 65th birthday. */
export const LTCI_CATEGORY_1_AGE_FROM = ageLimit(
  'LTCI_CATEGORY_1_AGE_FROM',
  'Long-term care category 1 starts at 65',
  '2000-04-01',
  'LTCI-CATEGORY-1-65',
  { age: 65, counting: 'EVE_OF_BIRTHDAY' },
);

// ---------------------------------------------------------------------------------------------
// National Pension category 3 (reference §3.2): dependants must reside in Japan since 2020-04.

export const DEPENDANT_MUST_RESIDE_IN_JAPAN: DatedParameter<boolean> = {
  id: 'DEPENDANT_MUST_RESIDE_IN_JAPAN',
  description: 'A category-3 spouse (and an EHI dependant) must reside in Japan, save listed exceptions',
  values: [
    { from: '1986-04-01', ruleId: 'NP-CATEGORY-3-1986-04', value: false },
    { from: '2020-04-01', ruleId: 'NP-CATEGORY-3-RESIDENCE-2020-04', value: true },
  ],
};

// ---------------------------------------------------------------------------------------------
// Employment Insurance (雇用保険), reference §3.4

/** Weekly contract hours; 10 from 2028-10-01 [16]. The 20-hour test is older than the modelled period. */
export const EI_MIN_HOURS: DatedParameter<number> = {
  id: 'EI_MIN_HOURS',
  description: 'Minimum weekly contract hours for Employment Insurance',
  values: [
    { from: '2010-04-01', ruleId: 'EI-HOURS-20', value: 20 },
    { from: '2028-10-01', ruleId: 'EI-HOURS-10-2028-10', value: 10 },
  ],
};

/** Employment must be expected to last at least 31 days (since the 2010-04 amendment). */
export const EI_MIN_DAYS: DatedParameter<number> = {
  id: 'EI_MIN_DAYS',
  description: 'Minimum expected length of employment for Employment Insurance, in days',
  values: [{ from: '2010-04-01', ruleId: 'EI-DURATION-31D-2010-04', value: 31 }],
};

// ---------------------------------------------------------------------------------------------
// Rules without a changing value.

export const RULES = {
  /** Foreign residents in the resident register belong to NHI (reform of 2012-07-09) [13]. */
  NHI_RESIDENT: { ruleId: 'NHI-2012-07', effectiveFrom: '2012-07-09' },
  NHI_STATUS_EXCLUSION: { ruleId: 'NHI-EXCLUDED-STATUS-2012-07', effectiveFrom: '2012-07-09' },
  NHI_EMPLOYEE_HEALTH_INSURANCE: { ruleId: 'NHI-EMPLOYEE-HEALTH-INSURANCE', effectiveFrom: '1959-01-01' },
  NHI_PUBLIC_ASSISTANCE: { ruleId: 'NHI-PUBLIC-ASSISTANCE', effectiveFrom: '1959-01-01' },
  /** A corporation, or an establishment that already insures people, is a covered employer. */
  EMPLOYER_COVERAGE: { ruleId: 'EMPLOYEE-COVERED-EMPLOYER', effectiveFrom: '2016-10-01' },
  SHORT_TIME_STUDENT: { ruleId: 'SHORT-TIME-STUDENT-2016-10', effectiveFrom: '2016-10-01' },
  EMPLOYMENT_FACTS: { ruleId: 'EMPLOYMENT-NOT-EMPLOYED', effectiveFrom: '2016-10-01' },
  /** From 2017-01-01 people aged 65 or over are insured too (高年齢被保険者). */
  EI_NO_AGE_LIMIT: { ruleId: 'EI-NO-AGE-LIMIT-2017-01', effectiveFrom: '2017-01-01' },
  EI_STUDENT: { ruleId: 'EI-DAYTIME-STUDENT', effectiveFrom: '2010-04-01' },
  NP_RESIDENT: { ruleId: 'NP-RESIDENT-2012-07', effectiveFrom: '2012-07-09' },
  LTCI_RESIDENT: { ruleId: 'LTCI-RESIDENT-2012-07', effectiveFrom: '2012-07-09' },
  LTCI_STATUS_EXCLUSION: { ruleId: 'LTCI-EXCLUDED-STATUS-2012-07', effectiveFrom: '2012-07-09' },
  LATE_ELDERLY_RESIDENT: { ruleId: 'LATE-ELDERLY-RESIDENT-2012-07', effectiveFrom: '2012-07-09' },
  LATE_ELDERLY_STATUS_EXCLUSION: { ruleId: 'LATE-ELDERLY-EXCLUDED-STATUS-2012-07', effectiveFrom: '2012-07-09' },
  LATE_ELDERLY_PUBLIC_ASSISTANCE: { ruleId: 'LATE-ELDERLY-PUBLIC-ASSISTANCE-2008-04', effectiveFrom: '2008-04-01' },
  NOT_MODELLED: { ruleId: 'KYOSEI-MODELLED-RANGE', effectiveFrom: '2016-10-01' },
  FACTS: { ruleId: 'KYOSEI-FACTS', effectiveFrom: '2016-10-01' },
} satisfies Record<string, RuleRef>;

// ---------------------------------------------------------------------------------------------
// Statuses of residence (codes of the `status_of_residence` seed) and register categories.

/** Register categories that mean a resident record (an address in Japan). */
export const REGISTERED_CATEGORIES = ['MID_LONG_TERM', 'SPECIAL_PERMANENT', 'TEMPORARY_PROTECTION', 'PROVISIONAL_STAY'];
export const UNREGISTERED_CATEGORY = 'NOT_REGISTERED';
/** Register categories whose people hold no status of residence that could be excluded. */
export const CATEGORIES_WITHOUT_EXCLUDED_STATUS = ['SPECIAL_PERMANENT', 'TEMPORARY_PROTECTION', 'PROVISIONAL_STAY'];

/** Statuses outside NHI, long-term care and late-stage elderly care whatever the stay (reference §3.1). */
export const HEALTH_EXCLUDED_STATUSES = ['TEMPORARY_VISITOR', 'DIPLOMAT'];
/**
 * Designated Activities (DESIGNATED) notices outside the same schemes: 25 medical stay, 26 its
 * attendant, 40 long-stay sightseeing (18+), 41 its accompanying spouse. The status table has one
 * DESIGNATED code, so the notice is a separate fact. (The notice numbers are from memory: verify.)
 */
export const HEALTH_EXCLUDED_DESIGNATED_NOTICES = [25, 26, 40, 41];
/**
 * Without a resident record NHI still applies to these statuses when documents show a stay of
 * more than 3 months (reference §3.1). Whether ESD (育成就労, from 2027-04) joins the list is not
 * known yet.
 */
export const NHI_DOCUMENTED_STAY_STATUSES = [
  'ENTERTAINER',
  'TITP_1',
  'TITP_2',
  'TITP_3',
  'DEPENDENT',
  'DESIGNATED',
  'OFFICIAL',
];

// ---------------------------------------------------------------------------------------------
// Social security agreements (社会保障協定), reference §3.5 [19].

export interface SocialSecurityAgreement {
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: { ja: string; en: string };
  inForceFrom: string;
  /** Coverage periods can be totalised (UK, Korea, China and Italy: no). */
  pensionTotalisation: boolean;
  /** Also exempts from Japanese health insurance (not only the pension schemes). */
  coversHealth: boolean;
}

/**
 * In-force months are those of the Japan Pension Service table (nenkin.go.jp, updated 2025-10-27);
 * the day is taken as the 1st of the month. Every agreement covers the Japanese pension schemes
 * (NP and EPI). `coversHealth`: USA, Belgium, France and Netherlands are confirmed by secondary
 * copies of that table; Czech Republic, Switzerland, Hungary and Luxembourg are from memory of it
 * and should be checked. Japanese Employment Insurance is in no agreement.
 */
// prettier-ignore
export const SSA_AGREEMENTS: SocialSecurityAgreement[] = [
  { country: 'DE', name: { ja: 'ドイツ', en: 'Germany' }, inForceFrom: '2000-02-01', pensionTotalisation: true, coversHealth: false },
  { country: 'GB', name: { ja: '英国', en: 'United Kingdom' }, inForceFrom: '2001-02-01', pensionTotalisation: false, coversHealth: false },
  { country: 'KR', name: { ja: '韓国', en: 'Korea' }, inForceFrom: '2005-04-01', pensionTotalisation: false, coversHealth: false },
  { country: 'US', name: { ja: 'アメリカ', en: 'United States' }, inForceFrom: '2005-10-01', pensionTotalisation: true, coversHealth: true },
  { country: 'BE', name: { ja: 'ベルギー', en: 'Belgium' }, inForceFrom: '2007-01-01', pensionTotalisation: true, coversHealth: true },
  { country: 'FR', name: { ja: 'フランス', en: 'France' }, inForceFrom: '2007-06-01', pensionTotalisation: true, coversHealth: true },
  { country: 'CA', name: { ja: 'カナダ', en: 'Canada' }, inForceFrom: '2008-03-01', pensionTotalisation: true, coversHealth: false },
  { country: 'AU', name: { ja: 'オーストラリア', en: 'Australia' }, inForceFrom: '2009-01-01', pensionTotalisation: true, coversHealth: false },
  { country: 'NL', name: { ja: 'オランダ', en: 'Netherlands' }, inForceFrom: '2009-03-01', pensionTotalisation: true, coversHealth: true },
  { country: 'CZ', name: { ja: 'チェコ', en: 'Czech Republic' }, inForceFrom: '2009-06-01', pensionTotalisation: true, coversHealth: true },
  { country: 'ES', name: { ja: 'スペイン', en: 'Spain' }, inForceFrom: '2010-12-01', pensionTotalisation: true, coversHealth: false },
  { country: 'IE', name: { ja: 'アイルランド', en: 'Ireland' }, inForceFrom: '2010-12-01', pensionTotalisation: true, coversHealth: false },
  { country: 'BR', name: { ja: 'ブラジル', en: 'Brazil' }, inForceFrom: '2012-03-01', pensionTotalisation: true, coversHealth: false },
  { country: 'CH', name: { ja: 'スイス', en: 'Switzerland' }, inForceFrom: '2012-03-01', pensionTotalisation: true, coversHealth: true },
  { country: 'HU', name: { ja: 'ハンガリー', en: 'Hungary' }, inForceFrom: '2014-01-01', pensionTotalisation: true, coversHealth: true },
  { country: 'IN', name: { ja: 'インド', en: 'India' }, inForceFrom: '2016-10-01', pensionTotalisation: true, coversHealth: false },
  { country: 'LU', name: { ja: 'ルクセンブルク', en: 'Luxembourg' }, inForceFrom: '2017-08-01', pensionTotalisation: true, coversHealth: true },
  { country: 'PH', name: { ja: 'フィリピン', en: 'Philippines' }, inForceFrom: '2018-08-01', pensionTotalisation: true, coversHealth: false },
  { country: 'SK', name: { ja: 'スロバキア', en: 'Slovakia' }, inForceFrom: '2019-07-01', pensionTotalisation: true, coversHealth: false },
  { country: 'CN', name: { ja: '中国', en: 'China' }, inForceFrom: '2019-09-01', pensionTotalisation: false, coversHealth: false },
  { country: 'FI', name: { ja: 'フィンランド', en: 'Finland' }, inForceFrom: '2022-02-01', pensionTotalisation: true, coversHealth: false },
  { country: 'SE', name: { ja: 'スウェーデン', en: 'Sweden' }, inForceFrom: '2022-06-01', pensionTotalisation: true, coversHealth: false },
  { country: 'IT', name: { ja: 'イタリア', en: 'Italy' }, inForceFrom: '2024-04-01', pensionTotalisation: false, coversHealth: false },
  // The 24th: listed as in force from 2025-12 in the nenkin.go.jp table; the day and the
  // Japanese schemes covered (taken as pensions only) are unverified.
  { country: 'AT', name: { ja: 'オーストリア', en: 'Austria' }, inForceFrom: '2025-12-01', pensionTotalisation: true, coversHealth: false },
];

/** Other spellings accepted for a certificate's country. */
export const SSA_COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };

export function ssaRuleRef(agreement: SocialSecurityAgreement): RuleRef {
  return {
    ruleId: `SSA-${agreement.country}-${agreement.inForceFrom.slice(0, 7)}`,
    effectiveFrom: agreement.inForceFrom,
  };
}

// ---------------------------------------------------------------------------------------------

/** Every dated parameter, for checks and for listing the rules. */
export const PARAMETERS: DatedParameter<unknown>[] = [
  SHORT_TIME_HEADCOUNT,
  SHORT_TIME_MIN_WAGE,
  SHORT_TIME_MIN_HOURS,
  FULL_TIME_HOURS,
  EMPLOYEE_MIN_EMPLOYMENT,
  SHORT_TIME_MIN_EMPLOYMENT,
  NP_AGE_FROM,
  NP_AGE_UNTIL,
  NP_CATEGORY_2_AGE_UNTIL,
  EPI_AGE_UNTIL,
  EHI_AGE_UNTIL,
  NHI_AGE_UNTIL,
  LATE_ELDERLY_AGE_FROM,
  LTCI_CATEGORY_2_AGE_FROM,
  LTCI_CATEGORY_1_AGE_FROM,
  DEPENDANT_MUST_RESIDE_IN_JAPAN,
  EI_MIN_HOURS,
  EI_MIN_DAYS,
];

/** Every rule a result can cite. */
export function allRuleRefs(): RuleRef[] {
  return [
    ...PARAMETERS.flatMap((parameter) => parameter.values.map(refOf)),
    ...Object.values(RULES),
    ...SSA_AGREEMENTS.map(ssaRuleRef),
  ];
}
