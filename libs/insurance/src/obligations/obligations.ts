/**
 * The social-insurance obligations engine (domain reference §3). Decisions where the reference is
 * silent, also visible in the tests:
 *
 * - Age: the Age Calculation Act makes a person reach an age at the end of the day before the
 *   birthday. Laws that count from "the day N is reached" therefore start on that eve: National
 *   Pension 20 and 60, Employees' Pension 70, long-term care 40 and 65. The late-stage elderly
 *   system starts on the 75th birthday itself, and NHI and employees' health insurance end then.
 *   A 29 February birthday falls on 1 March in common years.
 * - Full time: the facts lack the regular employee's hours, so 30 hours a week stands for 3/4.
 *   Full-time employees are covered whatever the wage, company size or student status.
 * - Employment length: employees' insurance needs more than 2 months (12 months or more for
 *   short-time workers until 2022-09). Employment Insurance needs 31 days: fewer than 1 month is
 *   fewer than 31 days, and a length that reaches 31 days even in 28-day months is enough; in
 *   between (e.g. exactly 1 month) the day count is needed (`expectedEmploymentDays`).
 * - Public assistance: outside NHI and (households on assistance are excluded by the elderly
 *   medical care act) outside late-stage elderly care. Still in National Pension (the exemption
 *   is by notification) and in long-term care category 1 from 65; aged 40–64 without medical
 *   insurance it is not category 2.
 * - Social security agreements: a certificate counts from the agreement's in-force date; every
 *   agreement exempts from NP and EPI, health-covering ones also from EHI, NHI and late-stage
 *   elderly care. An absent country means no certificate; an unknown one gives `unknown`.
 * - National Pension category 2 is derived only when the same facts establish Employees'
 *   Pension; it has no lower age and needs no address, and from 65 it needs the absence of an
 *   old-age pension entitlement.
 * - Registration: `NOT_REGISTERED` or `hasResidentRecord: false` means no address in Japan, so
 *   no NHI, NP (categories 1 and 3), long-term care or late-stage elderly care, except NHI's
 *   documented-stay exception. Special permanent residents are residents like any other.
 */
import { hasReachedAge, isIsoDate } from './dates.js';
import { SCHEMES, type ObligationFacts, type Scheme } from './facts.js';
import { all, any, firstMatching, given, missing, not, type Decision, type Tri } from './logic.js';
import { reasonText, type Bilingual, type ReasonCode, type ReasonParams } from './reasons.js';
import {
  CATEGORIES_WITHOUT_EXCLUDED_STATUS,
  DEPENDANT_MUST_RESIDE_IN_JAPAN,
  EHI_AGE_UNTIL,
  EI_MIN_DAYS,
  EI_MIN_HOURS,
  EMPLOYEE_MIN_EMPLOYMENT,
  EPI_AGE_UNTIL,
  FULL_TIME_HOURS,
  HEALTH_EXCLUDED_DESIGNATED_NOTICES,
  HEALTH_EXCLUDED_STATUSES,
  LATE_ELDERLY_AGE_FROM,
  LTCI_CATEGORY_1_AGE_FROM,
  LTCI_CATEGORY_2_AGE_FROM,
  MODELLED_FROM,
  NHI_AGE_UNTIL,
  NHI_DOCUMENTED_STAY_STATUSES,
  NP_AGE_FROM,
  NP_AGE_UNTIL,
  NP_CATEGORY_2_AGE_UNTIL,
  REGISTERED_CATEGORIES,
  RULES,
  SHORT_TIME_HEADCOUNT,
  SHORT_TIME_MIN_EMPLOYMENT,
  SHORT_TIME_MIN_HOURS,
  SHORT_TIME_MIN_WAGE,
  SSA_AGREEMENTS,
  SSA_COUNTRY_ALIASES,
  UNREGISTERED_CATEGORY,
  refOf,
  ssaRuleRef,
  valueOn,
  type AgeLimit,
  type DatedParameter,
  type DatedValue,
  type MinimumMonths,
  type RuleRef,
} from './rules.js';

export interface ObligationResult {
  /** Set on a resident's employees' schemes when an employment record supplied the facts. */
  employmentRecordId?: string;
  scheme: Scheme;
  required: boolean | 'unknown';
  /** Whether the person is covered; only known for EHI in a what-if (coveredByEmployeeHealthInsurance). */
  covered: boolean | null;
  /** Required but not covered; false when not required; null when either side is unknown. */
  gap: boolean | null;
  reasonCode: string;
  reasonText: Bilingual;
  ruleId: string;
  effectiveFrom: string;
  /** The facts whose absence made the answer unknown (empty when decided). */
  missingFacts: string[];
}

/**
 * Which social insurance schemes the law requires for a person on `facts.onDate`: one result per
 * scheme, in the order of SCHEMES. Each scheme is a rule table read top to bottom (see
 * `firstMatching`), built from the dated rules in force on that date.
 */
/**
 * `coveredSchemes`: the schemes with coverage on record on the date, when known (a resident on
 * record); then `covered` and `gap` come from it. Without it (a what-if) only EHI's coverage is known,
 * from `coveredByEmployeeHealthInsurance`.
 */
export function obligationsOf(facts: ObligationFacts, coveredSchemes?: ReadonlySet<Scheme>): ObligationResult[] {
  const coveredOf = (scheme: Scheme): boolean | null =>
    coveredSchemes
      ? coveredSchemes.has(scheme)
      : scheme === 'EHI'
        ? (facts.coveredByEmployeeHealthInsurance ?? null)
        : null;
  if (!isIsoDate(facts.onDate)) {
    const noDate: Decision = { required: 'unknown', rule: RULES.FACTS, missingFacts: ['onDate'] };
    return SCHEMES.map((scheme) => toResult(scheme, noDate, coveredOf(scheme), null));
  }
  const { person, decisions } = decide(facts);
  return SCHEMES.map((scheme) => toResult(scheme, decisions[scheme], coveredOf(scheme), person));
}

/**
 * Only whether each scheme is a gap (see `ObligationResult.gap`), without reasons in words: what
 * the coverage-gap list's decision table asks thousands of times.
 */
export function gapsOf(facts: ObligationFacts, coveredSchemes: ReadonlySet<Scheme>): Record<Scheme, boolean | null> {
  const { decisions } = decide(facts);
  const gaps = {} as Record<Scheme, boolean | null>;
  for (const scheme of SCHEMES) gaps[scheme] = gapOf(decisions[scheme].required, coveredSchemes.has(scheme));
  return gaps;
}

function decide(facts: ObligationFacts): { person: Person; decisions: Record<Scheme, Decision> } {
  const person = new Person(facts);
  const ehi = person.modelled('EHI', () => employeesInsurance(person, 'EHI'));
  const epi = person.modelled('EPI', () => employeesInsurance(person, 'EPI'));
  const nhi = person.modelled('NHI', () => nationalHealthInsurance(person, ehi));
  const decisions: Record<Scheme, Decision> = {
    NHI: nhi,
    EHI: ehi,
    NP: person.modelled('NP', () => nationalPension(person, epi)),
    EPI: epi,
    EI: person.modelled('EI', () => employmentInsurance(person)),
    LTCI: person.modelled('LTCI', () => longTermCare(person, ehi, nhi)),
    LATE_ELDERLY: person.modelled('LATE_ELDERLY', () => lateStageElderly(person)),
  };
  return { person, decisions };
}

// ---------------------------------------------------------------------------------------------
// The schemes

/** National Health Insurance (reference §3.1). */
function nationalHealthInsurance(person: Person, ehi: Decision): Decision {
  const status = person.statusName();
  return firstMatching([
    {
      when: not(person.hasAddressForHealthInsurance()),
      required: false,
      reason: 'NHI_EXEMPT_NO_RESIDENT_RECORD',
      rule: RULES.NHI_RESIDENT,
    },
    {
      when: person.hasExcludedStatus(),
      required: false,
      reason: 'NHI_EXEMPT_STATUS',
      rule: RULES.NHI_STATUS_EXCLUSION,
      params: { status },
    },
    {
      when: person.hasReached(NHI_AGE_UNTIL),
      required: false,
      reason: 'NHI_EXEMPT_AGE_75',
      rule: person.ruleOf(NHI_AGE_UNTIL),
    },
    {
      when: person.inEmployeeHealthInsurance(ehi),
      required: false,
      reason: 'NHI_EXEMPT_EMPLOYEE_HEALTH_INSURANCE',
      rule: RULES.NHI_EMPLOYEE_HEALTH_INSURANCE,
    },
    {
      when: person.ssa.exemptsHealth,
      required: false,
      reason: 'NHI_EXEMPT_SSA',
      rule: person.ssa.rule,
      params: person.ssa.params,
    },
    {
      when: person.flag('onPublicAssistance'),
      required: false,
      reason: 'NHI_EXEMPT_PUBLIC_ASSISTANCE',
      rule: RULES.NHI_PUBLIC_ASSISTANCE,
    },
    { when: person.hasResidentRecord(), required: true, reason: 'NHI_REQUIRED_RESIDENT', rule: RULES.NHI_RESIDENT },
    {
      when: true,
      required: true,
      reason: 'NHI_REQUIRED_DOCUMENTED_STAY',
      rule: RULES.NHI_RESIDENT,
      params: { status },
    },
  ]);
}

/**
 * Employees' health insurance (EHI) or Employees' Pension (EPI) (reference §3.2). They share the
 * employment tests and differ in the age limit (75 / 70) and in which social security agreements
 * exempt (health-covering ones / all).
 */
function employeesInsurance(person: Person, scheme: 'EHI' | 'EPI'): Decision {
  const facts = person.facts;
  const ageLimit = scheme === 'EHI' ? EHI_AGE_UNTIL : EPI_AGE_UNTIL;
  const ssaExempts = scheme === 'EHI' ? person.ssa.exemptsHealth : person.ssa.exemptsPension;
  const fullTime = person.valueOf(FULL_TIME_HOURS);
  const minHours = person.valueOf(SHORT_TIME_MIN_HOURS);
  const minWage = person.valueOf(SHORT_TIME_MIN_WAGE);
  const headcount = person.valueOf(SHORT_TIME_HEADCOUNT);
  const employment = person.valueOf(EMPLOYEE_MIN_EMPLOYMENT);
  const shortTimeEmployment = person.valueOf(SHORT_TIME_MIN_EMPLOYMENT);
  const hours = facts.weeklyContractHours;

  const isShortTime = given(hours, 'weeklyContractHours', (h) => h >= minHours.value && h < fullTime.value);
  const sizeTest: Bilingual =
    headcount.value === 0
      ? { ja: '事業所の規模を問わない', en: 'an employer of any size' }
      : { ja: `被保険者${headcount.value}人以上の事業所`, en: `an employer insuring ${headcount.value} or more` };
  const shortTimeParams = {
    minWage: yen(minWage.value),
    duration: durationText(shortTimeEmployment.value),
    size: sizeTest,
  };

  return firstMatching([
    {
      when: person.isNotEmployed(),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_NOT_EMPLOYED`,
      rule: RULES.EMPLOYMENT_FACTS,
    },
    {
      when: person.hasReached(ageLimit),
      required: false,
      reason: scheme === 'EHI' ? 'EHI_NOT_REQUIRED_AGE_75' : 'EPI_NOT_REQUIRED_AGE_70',
      rule: person.ruleOf(ageLimit),
    },
    {
      when: ssaExempts,
      required: false,
      reason: `${scheme}_EXEMPT_SSA`,
      rule: person.ssa.rule,
      params: person.ssa.params,
    },
    {
      when: person.employerIsNotCovered(),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_EMPLOYER`,
      rule: RULES.EMPLOYER_COVERAGE,
    },
    {
      when: given(hours, 'weeklyContractHours', (h) => h < minHours.value),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_HOURS`,
      rule: refOf(minHours),
      params: { hours: hours ?? '', minHours: minHours.value },
    },
    {
      when: person.expectedMonthsBelow(employment.value),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_SHORT_CONTRACT`,
      rule: refOf(employment),
      params: { months: facts.expectedEmploymentMonths ?? '', duration: durationText(employment.value) },
    },
    {
      when: given(hours, 'weeklyContractHours', (h) => h >= fullTime.value),
      required: true,
      reason: `${scheme}_REQUIRED_FULL_TIME`,
      rule: refOf(fullTime),
      params: { hours: hours ?? '' },
    },
    // From here on only short-time workers (between 20 and 30 hours) are left.
    {
      when: all(isShortTime, person.flag('isDaytimeStudent')),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_STUDENT`,
      rule: RULES.SHORT_TIME_STUDENT,
    },
    {
      when: all(isShortTime, person.expectedMonthsBelow(shortTimeEmployment.value)),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_SHORT_CONTRACT`,
      rule: refOf(shortTimeEmployment),
      params: { months: facts.expectedEmploymentMonths ?? '', duration: durationText(shortTimeEmployment.value) },
    },
    {
      when: all(
        isShortTime,
        minWage.value === 0
          ? false
          : given(facts.monthlyScheduledWage, 'monthlyScheduledWage', (w) => w < minWage.value),
      ),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_WAGE`,
      rule: refOf(minWage),
      params: { wage: yen(facts.monthlyScheduledWage ?? 0), minWage: yen(minWage.value) },
    },
    {
      when: all(
        isShortTime,
        headcount.value === 0
          ? false
          : given(facts.employerInsuredHeadcount, 'employerInsuredHeadcount', (n) => n < headcount.value),
      ),
      required: false,
      reason: `${scheme}_NOT_REQUIRED_HEADCOUNT`,
      rule: refOf(headcount),
      params: { headcount: facts.employerInsuredHeadcount ?? '', threshold: headcount.value },
    },
    {
      when: true,
      required: true,
      reason: `${scheme}_REQUIRED_SHORT_TIME`,
      rule: refOf(headcount),
      params: shortTimeParams,
    },
  ]);
}

/**
 * National Pension as the reference's checkable rule (§3.3) states it: required for a person with a
 * resident record aged 20–59; category 2 when in Employees' Pension, category 3 for the dependent
 * spouse of a category-2 member (who since 2020-04 must live in Japan), else category 1. (The
 * statute also makes Employees' Pension members under 20 or aged 60–64 category 2; the reference's
 * rule, which the system is checked against, does not, and neither does this one.)
 */
function nationalPension(person: Person, epi: Decision): Decision {
  const facts = person.facts;
  const inCategory2 =
    epi.required === true
      ? any(
          not(person.hasReached(NP_CATEGORY_2_AGE_UNTIL)),
          given(facts.hasOldAgePensionEntitlement, 'hasOldAgePensionEntitlement', (entitled) => !entitled),
        )
      : false;
  const reached20 = person.hasReached(NP_AGE_FROM);
  const inAgeBand = all(reached20, not(person.hasReached(NP_AGE_UNTIL)));
  const isDependantSpouse = facts.isDependantSpouseOfInsured === true;
  const residence = person.valueOf(DEPENDANT_MUST_RESIDE_IN_JAPAN);
  const livesAbroadWithoutException = residence.value
    ? all(not(person.residesInJapan()), not(person.flag('dependantResidenceExceptionApplies')))
    : false;

  return firstMatching([
    {
      when: person.ssa.exemptsPension,
      required: false,
      reason: 'NP_EXEMPT_SSA',
      rule: person.ssa.rule,
      params: person.ssa.params,
    },
    {
      when: not(inAgeBand),
      required: false,
      reason: 'NP_NOT_REQUIRED_AGE',
      rule: person.ruleOf(reached20 === true ? NP_AGE_UNTIL : NP_AGE_FROM),
    },
    {
      when: isDependantSpouse && livesAbroadWithoutException,
      required: false,
      reason: 'NP_NOT_REQUIRED_DEPENDANT_ABROAD',
      rule: refOf(residence),
    },
    // A dependent spouse abroad stayed category 3 until 2020-03, and still does under an exception.
    { when: isDependantSpouse, required: true, reason: 'NP_REQUIRED_CATEGORY_3', rule: refOf(residence) },
    {
      when: not(person.hasResidentRecord()),
      required: false,
      reason: 'NP_NOT_REQUIRED_NO_ADDRESS',
      rule: RULES.NP_RESIDENT,
    },
    {
      when: inCategory2,
      required: true,
      reason: 'NP_REQUIRED_CATEGORY_2',
      rule: person.ruleOf(NP_CATEGORY_2_AGE_UNTIL),
    },
    { when: true, required: true, reason: 'NP_REQUIRED_CATEGORY_1', rule: RULES.NP_RESIDENT },
  ]);
}

/** Employment Insurance (reference §3.4); no age limit since 2017-01 and no social security agreement covers it. */
function employmentInsurance(person: Person): Decision {
  const hours = person.facts.weeklyContractHours;
  const minHours = person.valueOf(EI_MIN_HOURS);
  const minDays = person.valueOf(EI_MIN_DAYS);
  return firstMatching([
    {
      when: person.isNotEmployed(),
      required: false,
      reason: 'EI_NOT_REQUIRED_NOT_EMPLOYED',
      rule: RULES.EMPLOYMENT_FACTS,
    },
    {
      when: given(hours, 'weeklyContractHours', (h) => h < minHours.value),
      required: false,
      reason: 'EI_NOT_REQUIRED_HOURS',
      rule: refOf(minHours),
      params: { hours: hours ?? '', minHours: minHours.value },
    },
    {
      when: person.expectedDaysBelow(minDays.value),
      required: false,
      reason: 'EI_NOT_REQUIRED_DURATION',
      rule: refOf(minDays),
    },
    {
      when: person.flag('isDaytimeStudent'),
      required: false,
      reason: 'EI_NOT_REQUIRED_STUDENT',
      rule: RULES.EI_STUDENT,
    },
    { when: true, required: true, reason: 'EI_REQUIRED', rule: refOf(minHours), params: { minHours: minHours.value } },
  ]);
}

/**
 * Long-term care insurance: category 1 is every resident from 65 (public assistance included);
 * category 2 is a resident aged 40–64 who is in a medical insurance scheme (NHI, or an employer's
 * health insurance as insured or dependant).
 */
function longTermCare(person: Person, ehi: Decision, nhi: Decision): Decision {
  const inMedicalInsurance = any(person.inEmployeeHealthInsurance(ehi), requiredOf(nhi));
  return firstMatching([
    {
      when: not(person.hasReached(LTCI_CATEGORY_2_AGE_FROM)),
      required: false,
      reason: 'LTCI_NOT_REQUIRED_AGE',
      rule: person.ruleOf(LTCI_CATEGORY_2_AGE_FROM),
    },
    {
      when: not(person.hasAddressForHealthInsurance()),
      required: false,
      reason: 'LTCI_NOT_REQUIRED_NO_RESIDENT_RECORD',
      rule: RULES.LTCI_RESIDENT,
    },
    {
      when: person.hasExcludedStatus(),
      required: false,
      reason: 'LTCI_NOT_REQUIRED_STATUS',
      rule: RULES.LTCI_STATUS_EXCLUSION,
      params: { status: person.statusName() },
    },
    {
      when: person.hasReached(LTCI_CATEGORY_1_AGE_FROM),
      required: true,
      reason: 'LTCI_CATEGORY_1',
      rule: person.ruleOf(LTCI_CATEGORY_1_AGE_FROM),
    },
    {
      when: not(inMedicalInsurance),
      required: false,
      reason: 'LTCI_NOT_REQUIRED_NO_HEALTH_INSURANCE',
      rule: person.ruleOf(LTCI_CATEGORY_2_AGE_FROM),
    },
    { when: true, required: true, reason: 'LTCI_CATEGORY_2', rule: person.ruleOf(LTCI_CATEGORY_2_AGE_FROM) },
  ]);
}

/**
 * Late-stage elderly medical care (後期高齢者医療) from the 75th birthday. Households on public
 * assistance are excluded (their medical care is medical assistance), as in NHI.
 */
function lateStageElderly(person: Person): Decision {
  return firstMatching([
    {
      when: not(person.hasReached(LATE_ELDERLY_AGE_FROM)),
      required: false,
      reason: 'LATE_ELDERLY_NOT_REQUIRED_AGE',
      rule: person.ruleOf(LATE_ELDERLY_AGE_FROM),
    },
    {
      when: not(person.hasAddressForHealthInsurance()),
      required: false,
      reason: 'LATE_ELDERLY_NOT_REQUIRED_NO_RESIDENT_RECORD',
      rule: RULES.LATE_ELDERLY_RESIDENT,
    },
    {
      when: person.hasExcludedStatus(),
      required: false,
      reason: 'LATE_ELDERLY_NOT_REQUIRED_STATUS',
      rule: RULES.LATE_ELDERLY_STATUS_EXCLUSION,
      params: { status: person.statusName() },
    },
    {
      when: person.ssa.exemptsHealth,
      required: false,
      reason: 'LATE_ELDERLY_EXEMPT_SSA',
      rule: person.ssa.rule,
      params: person.ssa.params,
    },
    {
      when: person.flag('onPublicAssistance'),
      required: false,
      reason: 'LATE_ELDERLY_EXEMPT_PUBLIC_ASSISTANCE',
      rule: RULES.LATE_ELDERLY_PUBLIC_ASSISTANCE,
    },
    { when: true, required: true, reason: 'LATE_ELDERLY_REQUIRED', rule: person.ruleOf(LATE_ELDERLY_AGE_FROM) },
  ]);
}

// ---------------------------------------------------------------------------------------------
// The person's facts as three-valued conditions

interface SsaCertificate {
  exemptsPension: Tri;
  exemptsHealth: Tri;
  rule: RuleRef;
  params: ReasonParams;
  /** The certificate's country when no agreement with it is known. */
  unknownCountry: string | null;
}

type BooleanFact = {
  [K in keyof ObligationFacts]-?: NonNullable<ObligationFacts[K]> extends boolean ? K : never;
}[keyof ObligationFacts];

class Person {
  readonly onDate: string;
  readonly birthDate: string | null;
  readonly ssa: SsaCertificate;

  constructor(readonly facts: ObligationFacts) {
    this.onDate = facts.onDate;
    this.birthDate = isIsoDate(facts.birthDate) ? facts.birthDate : null;
    this.ssa = this.certificate();
  }

  /** Evaluates a scheme, or answers unknown for a date before the modelled period. */
  modelled(scheme: Scheme, evaluate: () => Decision): Decision {
    const from = MODELLED_FROM[scheme];
    if (this.onDate >= from) return evaluate();
    return {
      required: 'unknown',
      rule: { ruleId: RULES.NOT_MODELLED.ruleId, effectiveFrom: from },
      missingFacts: [],
      reason: 'UNKNOWN_DATE_NOT_MODELLED',
      params: { from },
    };
  }

  valueOf<T>(parameter: DatedParameter<T>): DatedValue<T> {
    const row = valueOn(parameter, this.onDate);
    if (!row) throw new Error(`${parameter.id} has no value on ${this.onDate}`);
    return row;
  }

  ruleOf(parameter: DatedParameter<unknown>): RuleRef {
    return refOf(this.valueOf(parameter));
  }

  flag(name: BooleanFact): Tri {
    return given(this.facts[name], name, (value) => value === true);
  }

  hasReached(limit: DatedParameter<AgeLimit>): Tri {
    const { age, counting } = this.valueOf(limit).value;
    return given(this.birthDate, 'birthDate', (birthDate) => hasReachedAge(birthDate, age, this.onDate, counting));
  }

  /** A resident record: either fact can say so; `NOT_REGISTERED` or `false` says there is none. */
  hasResidentRecord(): Tri {
    const { hasResidentRecord, registryCategory } = this.facts;
    if (hasResidentRecord === false || registryCategory === UNREGISTERED_CATEGORY) return false;
    if (hasResidentRecord === true || REGISTERED_CATEGORIES.includes(registryCategory ?? '')) return true;
    return missing('hasResidentRecord', 'registryCategory');
  }

  /** The health schemes also take a person without a record whose documents show a stay over 3 months. */
  hasAddressForHealthInsurance(): Tri {
    const documented =
      NHI_DOCUMENTED_STAY_STATUSES.includes(this.facts.statusCode ?? '') &&
      this.facts.documentedStayOverThreeMonths === true;
    return any(this.hasResidentRecord(), documented);
  }

  residesInJapan(): Tri {
    if (typeof this.facts.residesInJapan === 'boolean') return this.facts.residesInJapan;
    const record = this.hasResidentRecord();
    return typeof record === 'boolean' ? record : missing('residesInJapan');
  }

  /** A status excluded from NHI, long-term care and late-stage elderly care. */
  hasExcludedStatus(): Tri {
    const { statusCode, registryCategory, designatedActivityNotice } = this.facts;
    if (!statusCode) {
      return CATEGORIES_WITHOUT_EXCLUDED_STATUS.includes(registryCategory ?? '') ? false : missing('statusCode');
    }
    if (HEALTH_EXCLUDED_STATUSES.includes(statusCode)) return true;
    if (statusCode === 'DESIGNATED') {
      return given(designatedActivityNotice, 'designatedActivityNotice', (notice) =>
        HEALTH_EXCLUDED_DESIGNATED_NOTICES.includes(notice),
      );
    }
    return false;
  }

  statusName(): string {
    const { statusCode, designatedActivityNotice } = this.facts;
    if (!statusCode) return '';
    return typeof designatedActivityNotice === 'number' ? `${statusCode} ${designatedActivityNotice}` : statusCode;
  }

  /** Insured or a dependant in an employer's health insurance, or required to be insured there. */
  inEmployeeHealthInsurance(ehi: Decision): Tri {
    if (this.facts.coveredByEmployeeHealthInsurance === true || ehi.required === true) return true;
    return given(this.facts.coveredByEmployeeHealthInsurance, 'coveredByEmployeeHealthInsurance', () => false);
  }

  isNotEmployed(): boolean {
    return this.facts.isEmployed === false;
  }

  /**
   * The employer is outside employees' insurance. A corporation is always covered, and an
   * employer that already insures people is a covered establishment (compulsorily or voluntarily).
   * A sole proprietorship that insures nobody depends on its industry and size (5+ employees in a
   * statutory industry; all industries for new businesses from 2029-10), which only
   * `employerIsCoveredEstablishment` can tell.
   */
  employerIsNotCovered(): Tri {
    const { employerIsCorporation, employerInsuredHeadcount, employerIsCoveredEstablishment } = this.facts;
    if (typeof employerIsCoveredEstablishment === 'boolean') return !employerIsCoveredEstablishment;
    if (
      employerIsCorporation === true ||
      (typeof employerInsuredHeadcount === 'number' && employerInsuredHeadcount > 0)
    ) {
      return false;
    }
    if (employerIsCorporation === false) {
      return typeof employerInsuredHeadcount === 'number'
        ? missing('employerIsCoveredEstablishment')
        : missing('employerInsuredHeadcount', 'employerIsCoveredEstablishment');
    }
    return missing('employerIsCorporation');
  }

  expectedMonthsBelow(minimum: MinimumMonths): Tri {
    return given(this.facts.expectedEmploymentMonths, 'expectedEmploymentMonths', (months) =>
      minimum.inclusive ? months < minimum.months : months <= minimum.months,
    );
  }

  /**
   * Employment expected to last fewer than `days` days. Months are converted only where the
   * length of a month cannot matter: below one month is under 31 days whatever the month, and a
   * period that reaches 31 days even in 28-day months is not. In between (e.g. exactly one month,
   * 28 to 31 days) the day count is needed.
   */
  expectedDaysBelow(days: number): Tri {
    const { expectedEmploymentDays, expectedEmploymentMonths } = this.facts;
    if (typeof expectedEmploymentDays === 'number') return expectedEmploymentDays < days;
    if (typeof expectedEmploymentMonths !== 'number') return missing('expectedEmploymentMonths');
    if (expectedEmploymentMonths * 31 < days) return true;
    if (expectedEmploymentMonths * 28 >= days) return false;
    return missing('expectedEmploymentDays');
  }

  /**
   * A certificate of coverage exempts from the Japanese pension schemes, and from the health
   * schemes where the agreement covers health, once the agreement is in force. No country means no
   * certificate; a country with no known agreement cannot be judged.
   */
  private certificate(): SsaCertificate {
    const written = (this.facts.ssaCertificateCountry ?? '').trim().toUpperCase();
    if (!written) {
      return { exemptsPension: false, exemptsHealth: false, rule: RULES.FACTS, params: {}, unknownCountry: null };
    }
    const country = SSA_COUNTRY_ALIASES[written] ?? written;
    const agreement = SSA_AGREEMENTS.find((candidate) => candidate.country === country);
    if (!agreement) {
      const unknown = missing('ssaCertificateCountry');
      return {
        exemptsPension: unknown,
        exemptsHealth: unknown,
        rule: RULES.FACTS,
        params: { country: written },
        unknownCountry: written,
      };
    }
    const inForce = this.onDate >= agreement.inForceFrom;
    return {
      exemptsPension: inForce,
      exemptsHealth: inForce && agreement.coversHealth,
      rule: ssaRuleRef(agreement),
      params: { country: agreement.name },
      unknownCountry: null,
    };
  }
}

// ---------------------------------------------------------------------------------------------

function requiredOf(decision: Decision): Tri {
  return decision.required === 'unknown' ? missing(...decision.missingFacts) : decision.required;
}

function yen(amount: number): string {
  // What toLocaleString('en-US') gives for whole yen, without its cost (the gap list calls this often).
  const [whole, fraction] = String(amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function durationText(minimum: MinimumMonths): Bilingual {
  return minimum.inclusive
    ? { ja: `${minimum.months}か月以上の雇用見込み`, en: `employment expected for ${minimum.months} months or more` }
    : {
        ja: `${minimum.months}か月を超える雇用見込み`,
        en: `employment expected for more than ${minimum.months} months`,
      };
}

function toResult(
  scheme: Scheme,
  decision: Decision,
  covered: boolean | null,
  person: Person | null,
): ObligationResult {
  let reason: ReasonCode;
  let params: ReasonParams;
  if (decision.required !== 'unknown') {
    reason = decision.reason;
    params = decision.params;
  } else if (decision.reason) {
    reason = decision.reason;
    params = decision.params ?? {};
  } else if (person?.ssa.unknownCountry && decision.missingFacts.includes('ssaCertificateCountry')) {
    reason = 'UNKNOWN_SSA_COUNTRY';
    params = { country: person.ssa.unknownCountry };
  } else {
    reason = 'UNKNOWN_MISSING_FACTS';
    params = { facts: decision.missingFacts.join(', ') };
  }
  return {
    scheme,
    required: decision.required,
    covered,
    gap: gapOf(decision.required, covered),
    reasonCode: reason,
    reasonText: reasonText(reason, params),
    ruleId: decision.rule.ruleId,
    effectiveFrom: decision.rule.effectiveFrom,
    missingFacts: decision.missingFacts,
  };
}

function gapOf(required: boolean | 'unknown', covered: boolean | null): boolean | null {
  if (required === false) return false;
  if (required === 'unknown' || covered === null) return null;
  return !covered;
}
