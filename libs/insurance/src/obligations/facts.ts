/**
 * The facts an obligations evaluation reads. Every fact except `onDate` may be absent: a rule that
 * needs an absent fact answers `unknown` and names it in `missingFacts`, it never assumes a value.
 * `null` is read like an absent fact (a JSON body may send it).
 *
 * The names of the first block are part of the public interface (the what-if endpoint's body).
 * The extra facts after it refine cases the interface cannot express; they are optional too.
 */
export interface ObligationFacts {
  /** The date the law is applied on, YYYY-MM-DD (office calendar, Asia/Tokyo). */
  onDate: string;
  birthDate?: string | null;
  /** The register category: MID_LONG_TERM, SPECIAL_PERMANENT, TEMPORARY_PROTECTION, PROVISIONAL_STAY, NOT_REGISTERED. */
  registryCategory?: string | null;
  /** A status-of-residence code such as ENGINEER_HUMANITIES (see the `status_of_residence` seed). */
  statusCode?: string | null;
  /** Registered in the Basic Resident Register, i.e. has an address in Japan. */
  hasResidentRecord?: boolean | null;
  weeklyContractHours?: number | null;
  /** Yen; the scheduled wage (所定内賃金) without overtime, bonuses or commuting allowance. */
  monthlyScheduledWage?: number | null;
  expectedEmploymentMonths?: number | null;
  employerIsCorporation?: boolean | null;
  /** The number of people the employer insures in Employees' Pension (the company-size test). */
  employerInsuredHeadcount?: number | null;
  /** A daytime student; night, correspondence and on-leave students are not. */
  isDaytimeStudent?: boolean | null;
  /** Receives public assistance (生活保護). */
  onPublicAssistance?: boolean | null;
  /** ISO 3166-1 alpha-2 country of a certificate of coverage under a social security agreement; absent = none. */
  ssaCertificateCountry?: string | null;
  /** Insured, or a dependant, in an employer's health insurance (健康保険 or a mutual-aid association). */
  coveredByEmployeeHealthInsurance?: boolean | null;

  // Extra facts (not in the what-if interface).

  /** `false` says the person has no employment at all, which settles EHI, EPI and EI. */
  isEmployed?: boolean | null;
  /**
   * The employer is a covered establishment (適用事業所) of employees' insurance. Needed only for a
   * sole proprietorship that insures nobody yet: coverage then depends on its industry and size.
   */
  employerIsCoveredEstablishment?: boolean | null;
  /** The notice number (告示) of a Designated Activities status: 25/26 medical stay, 40/41 long-stay sightseeing. */
  designatedActivityNotice?: number | null;
  /**
   * A person without a resident record whose status is Entertainer, TITP, Dependent, Designated or
   * Official and whose documents show a stay of more than 3 months (NHI's exception, reference §3.1).
   */
  documentedStayOverThreeMonths?: boolean | null;
  /** The dependent spouse (被扶養配偶者) of a National Pension category-2 member (candidate for category 3). */
  isDependantSpouseOfInsured?: boolean | null;
  /** Lives in Japan; when absent it follows the resident record. */
  residesInJapan?: boolean | null;
  /** Meets an exception to the residence requirement for dependants (studying abroad, accompanying an assignment…). */
  dependantResidenceExceptionApplies?: boolean | null;
  /** Entitled to an old-age pension: decides whether an Employees' Pension member aged 65–69 is NP category 2. */
  hasOldAgePensionEntitlement?: boolean | null;
  /** Days the employment is expected to last; settles EI's 31-day test when months cannot (e.g. exactly 1 month). */
  expectedEmploymentDays?: number | null;
}

/** The schemes, in the order results are returned. */
export const SCHEMES = ['NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY'] as const;
export type Scheme = (typeof SCHEMES)[number];

/** The names of the what-if facts (the public interface). */
export const WHAT_IF_FACTS = [
  'onDate',
  'birthDate',
  'registryCategory',
  'statusCode',
  'hasResidentRecord',
  'weeklyContractHours',
  'monthlyScheduledWage',
  'expectedEmploymentMonths',
  'employerIsCorporation',
  'employerInsuredHeadcount',
  'isDaytimeStudent',
  'onPublicAssistance',
  'ssaCertificateCountry',
  'coveredByEmployeeHealthInsurance',
] as const;

export type FactName = keyof ObligationFacts;
