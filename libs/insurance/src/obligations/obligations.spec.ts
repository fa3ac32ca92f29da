import { anniversary, hasReachedAge } from './dates.js';
import { SCHEMES, type ObligationFacts, type Scheme } from './facts.js';
import { obligationsOf, type ObligationResult } from './obligations.js';
import { REASONS } from './reasons.js';
import { PARAMETERS, SSA_AGREEMENTS, allRuleRefs, valueOn, SHORT_TIME_HEADCOUNT, EI_MIN_HOURS } from './rules.js';

type Expected = boolean | 'unknown';
type Row = [description: string, facts: ObligationFacts, scheme: Scheme, required: Expected, reasonCode: string];

/** A full-time employee of a large corporation, with every fact known. */
const worker: ObligationFacts = {
  onDate: '2025-04-01',
  birthDate: '1990-06-15',
  registryCategory: 'MID_LONG_TERM',
  statusCode: 'ENGINEER_HUMANITIES',
  hasResidentRecord: true,
  weeklyContractHours: 40,
  monthlyScheduledWage: 250_000,
  expectedEmploymentMonths: 12,
  employerIsCorporation: true,
  employerInsuredHeadcount: 300,
  isDaytimeStudent: false,
  onPublicAssistance: false,
  coveredByEmployeeHealthInsurance: true,
};

/** A short-time worker exactly on the 20-hour and ¥88,000 lines. */
const partTimer: ObligationFacts = {
  ...worker,
  weeklyContractHours: 20,
  monthlyScheduledWage: 88_000,
  employerInsuredHeadcount: 60,
  coveredByEmployeeHealthInsurance: false,
};

/** A registered resident with no job and no employee health insurance. */
const resident: ObligationFacts = {
  onDate: '2025-04-01',
  birthDate: '1990-06-15',
  registryCategory: 'MID_LONG_TERM',
  statusCode: 'SPOUSE_JP',
  hasResidentRecord: true,
  isEmployed: false,
  onPublicAssistance: false,
  coveredByEmployeeHealthInsurance: false,
};

/** A short-time worker at an employer insuring `headcount` people, on a date. */
const shortTimeAt = (onDate: string, headcount: number | undefined): ObligationFacts => ({
  ...partTimer,
  onDate,
  employerInsuredHeadcount: headcount,
});

/** A dependent spouse living abroad (no resident record). */
const spouseAbroad: ObligationFacts = {
  onDate: '2021-04-01',
  birthDate: '1992-01-10',
  registryCategory: 'NOT_REGISTERED',
  hasResidentRecord: false,
  isEmployed: false,
  isDependantSpouseOfInsured: true,
  residesInJapan: false,
  dependantResidenceExceptionApplies: false,
  onPublicAssistance: false,
  coveredByEmployeeHealthInsurance: false,
};

// prettier-ignore
const cases: Row[] = [
  // --- Ages: National Pension 20 (reached on the day before the birthday) ----------------
  ['NP: 19, two days before the 20th birthday', { ...resident, birthDate: '2005-06-15', onDate: '2025-06-13' }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 20 on the eve of the 20th birthday', { ...resident, birthDate: '2005-06-15', onDate: '2025-06-14' }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],
  ['NP: 20 on the 20th birthday', { ...resident, birthDate: '2005-06-15', onDate: '2025-06-15' }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],
  ['NP: born 29 Feb, 20 on 28 Feb of a leap year', { ...resident, birthDate: '2004-02-29', onDate: '2024-02-28' }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],
  ['NP: born 29 Feb, still 19 on 27 Feb', { ...resident, birthDate: '2004-02-29', onDate: '2024-02-27' }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 19-year-old employee, under 20 (the reference counts ages 20–59 only)', { ...worker, birthDate: '2006-06-15' }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 19-year-old daytime student working 10 h', { ...partTimer, birthDate: '2006-06-15', weeklyContractHours: 10, isDaytimeStudent: true }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],

  // --- Ages: National Pension 60 ------------------------------------------------------------
  ['NP: 59, the day before the eve of the 60th birthday', { ...resident, birthDate: '1965-06-15', onDate: '2025-06-13' }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],
  ['NP: 60 on the eve of the 60th birthday', { ...resident, birthDate: '1965-06-15', onDate: '2025-06-14' }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 62-year-old employee, past 60', { ...worker, birthDate: '1963-01-10' }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 66-year-old employee, entitlement unknown: past 60 decides', { ...worker, birthDate: '1959-01-10' }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 66-year-old employee without entitlement, past 60', { ...worker, birthDate: '1959-01-10', hasOldAgePensionEntitlement: false }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['NP: 66-year-old employee with entitlement', { ...worker, birthDate: '1959-01-10', hasOldAgePensionEntitlement: true }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],

  // --- Ages: Employees' Pension 70, employees' health insurance and NHI 75 ---------------------
  ['EPI: 69, two days before the 70th birthday', { ...worker, birthDate: '1955-06-15', onDate: '2025-06-13' }, 'EPI', true, 'EPI_REQUIRED_FULL_TIME'],
  ['EPI: 70 on the eve of the 70th birthday', { ...worker, birthDate: '1955-06-15', onDate: '2025-06-14' }, 'EPI', false, 'EPI_NOT_REQUIRED_AGE_70'],
  ['EHI: still insured at 70', { ...worker, birthDate: '1955-06-15', onDate: '2025-06-14' }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['EHI: 74 on the day before the 75th birthday', { ...worker, birthDate: '1950-06-15', onDate: '2025-06-14' }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['EHI: 75 on the 75th birthday', { ...worker, birthDate: '1950-06-15', onDate: '2025-06-15' }, 'EHI', false, 'EHI_NOT_REQUIRED_AGE_75'],
  ['NHI: 74 on the day before the 75th birthday', { ...resident, birthDate: '1950-06-15', onDate: '2025-06-14' }, 'NHI', true, 'NHI_REQUIRED_RESIDENT'],
  ['NHI: 75 on the 75th birthday', { ...resident, birthDate: '1950-06-15', onDate: '2025-06-15' }, 'NHI', false, 'NHI_EXEMPT_AGE_75'],
  ['LATE_ELDERLY: 74 on the day before the 75th birthday', { ...resident, birthDate: '1950-06-15', onDate: '2025-06-14' }, 'LATE_ELDERLY', false, 'LATE_ELDERLY_NOT_REQUIRED_AGE'],
  ['LATE_ELDERLY: 75 on the 75th birthday', { ...resident, birthDate: '1950-06-15', onDate: '2025-06-15' }, 'LATE_ELDERLY', true, 'LATE_ELDERLY_REQUIRED'],
  ['LATE_ELDERLY: born 29 Feb, 75 on 1 March of a common year', { ...resident, birthDate: '1948-02-29', onDate: '2023-03-01' }, 'LATE_ELDERLY', true, 'LATE_ELDERLY_REQUIRED'],
  ['LATE_ELDERLY: born 29 Feb, still 74 on 28 Feb of a common year', { ...resident, birthDate: '1948-02-29', onDate: '2023-02-28' }, 'LATE_ELDERLY', false, 'LATE_ELDERLY_NOT_REQUIRED_AGE'],
  ['EHI: an 80-year-old is outside EHI whatever the hours', { onDate: '2025-04-01', birthDate: '1945-01-01' }, 'EHI', false, 'EHI_NOT_REQUIRED_AGE_75'],

  // --- Ages: long-term care 40 and 65 ---------------------------------------------------------
  ['LTCI: 39, two days before the 40th birthday', { ...worker, birthDate: '1985-06-15', onDate: '2025-06-13' }, 'LTCI', false, 'LTCI_NOT_REQUIRED_AGE'],
  ['LTCI: 40 on the eve of the 40th birthday, in EHI', { ...worker, birthDate: '1985-06-15', onDate: '2025-06-14' }, 'LTCI', true, 'LTCI_CATEGORY_2'],
  ['LTCI: 40 in NHI', { ...resident, birthDate: '1985-06-15', onDate: '2025-06-14' }, 'LTCI', true, 'LTCI_CATEGORY_2'],
  ['LTCI: 64, the day before the eve of the 65th birthday', { ...resident, birthDate: '1960-06-15', onDate: '2025-06-13' }, 'LTCI', true, 'LTCI_CATEGORY_2'],
  ['LTCI: 65 on the eve of the 65th birthday', { ...resident, birthDate: '1960-06-15', onDate: '2025-06-14' }, 'LTCI', true, 'LTCI_CATEGORY_1'],
  ['LTCI: 80-year-old resident', { ...resident, birthDate: '1945-01-01' }, 'LTCI', true, 'LTCI_CATEGORY_1'],

  // --- Hours and wage of short-time workers ---------------------------------------------------
  ['EHI: 19.5 hours', { ...partTimer, weeklyContractHours: 19.5 }, 'EHI', false, 'EHI_NOT_REQUIRED_HOURS'],
  ['EHI: 20 hours, ¥88,000, 60 insured', partTimer, 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EPI: 20 hours, ¥88,000, 60 insured', partTimer, 'EPI', true, 'EPI_REQUIRED_SHORT_TIME'],
  ['EHI: 30 hours is full time, whatever the wage', { ...partTimer, weeklyContractHours: 30, monthlyScheduledWage: 80_000 }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['EHI: 29.5 hours at ¥80,000 fails the wage test', { ...partTimer, weeklyContractHours: 29.5, monthlyScheduledWage: 80_000 }, 'EHI', false, 'EHI_NOT_REQUIRED_WAGE'],
  ['EHI: wage ¥87,999', { ...partTimer, monthlyScheduledWage: 87_999 }, 'EHI', false, 'EHI_NOT_REQUIRED_WAGE'],
  ['EPI: wage ¥87,999', { ...partTimer, monthlyScheduledWage: 87_999 }, 'EPI', false, 'EPI_NOT_REQUIRED_WAGE'],
  ['EHI: wage ¥88,000', { ...partTimer, monthlyScheduledWage: 88_000 }, 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: the wage test still applies in 2036 (abolition date unknown)', { ...shortTimeAt('2036-01-01', 5), monthlyScheduledWage: 87_999 }, 'EHI', false, 'EHI_NOT_REQUIRED_WAGE'],

  // --- Company size: each phase-in date ------------------------------------------------------
  ['EHI: 100 insured on 2022-09-30 (threshold 501)', shortTimeAt('2022-09-30', 100), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 101 insured on 2022-10-01', shortTimeAt('2022-10-01', 101), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: 50 insured on 2024-09-30', shortTimeAt('2024-09-30', 50), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 51 insured on 2024-09-30 (threshold still 101)', shortTimeAt('2024-09-30', 51), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 50 insured on 2024-10-01', shortTimeAt('2024-10-01', 50), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 51 insured on 2024-10-01', shortTimeAt('2024-10-01', 51), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EPI: 51 insured on 2024-10-01', shortTimeAt('2024-10-01', 51), 'EPI', true, 'EPI_REQUIRED_SHORT_TIME'],
  ['EHI: 36 insured on 2027-09-30', shortTimeAt('2027-09-30', 36), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 35 insured on 2027-10-01', shortTimeAt('2027-10-01', 35), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 36 insured on 2027-10-01', shortTimeAt('2027-10-01', 36), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: 21 insured on 2029-09-30', shortTimeAt('2029-09-30', 21), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 20 insured on 2029-10-01', shortTimeAt('2029-10-01', 20), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 21 insured on 2029-10-01', shortTimeAt('2029-10-01', 21), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EPI: 21 insured in 2030 applies the 2030 rule', shortTimeAt('2030-06-01', 21), 'EPI', true, 'EPI_REQUIRED_SHORT_TIME'],
  ['EHI: 11 insured on 2032-09-30', shortTimeAt('2032-09-30', 11), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 10 insured on 2032-10-01', shortTimeAt('2032-10-01', 10), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 11 insured on 2032-10-01', shortTimeAt('2032-10-01', 11), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: 1 insured on 2035-09-30', shortTimeAt('2035-09-30', 1), 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['EHI: 1 insured on 2035-10-01 (no size test)', shortTimeAt('2035-10-01', 1), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: headcount unknown on 2035-10-01 does not matter', shortTimeAt('2035-10-01', undefined), 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: headcount unknown on 2035-09-30 does', shortTimeAt('2035-09-30', undefined), 'EHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['EHI: full-time at a firm of 3 is covered', { ...worker, employerInsuredHeadcount: 3 }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],

  // --- Employer and length of employment -------------------------------------------------------
  ['EHI: sole proprietor outside compulsory coverage', { ...worker, employerIsCorporation: false, employerInsuredHeadcount: 0, employerIsCoveredEstablishment: false }, 'EHI', false, 'EHI_NOT_REQUIRED_EMPLOYER'],
  ['EHI: sole proprietor insuring nobody, coverage unknown', { ...worker, employerIsCorporation: false, employerInsuredHeadcount: 0 }, 'EHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['EHI: sole proprietor that insures 8', { ...worker, employerIsCorporation: false, employerInsuredHeadcount: 8 }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['EHI: a 2-month contract', { ...worker, expectedEmploymentMonths: 2 }, 'EHI', false, 'EHI_NOT_REQUIRED_SHORT_CONTRACT'],
  ['EPI: a 3-month contract', { ...worker, expectedEmploymentMonths: 3 }, 'EPI', true, 'EPI_REQUIRED_FULL_TIME'],
  ['EHI: short-time, 6 months, 2022-09-30 (1 year needed)', { ...shortTimeAt('2022-09-30', 600), expectedEmploymentMonths: 6 }, 'EHI', false, 'EHI_NOT_REQUIRED_SHORT_CONTRACT'],
  ['EHI: short-time, 6 months, 2022-10-01', { ...shortTimeAt('2022-10-01', 600), expectedEmploymentMonths: 6 }, 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],

  // --- Students ---------------------------------------------------------------------------------
  ['EHI: daytime student working short hours', { ...partTimer, isDaytimeStudent: true }, 'EHI', false, 'EHI_NOT_REQUIRED_STUDENT'],
  ['EHI: night student working short hours', { ...partTimer, isDaytimeStudent: false }, 'EHI', true, 'EHI_REQUIRED_SHORT_TIME'],
  ['EHI: daytime student working full time', { ...worker, isDaytimeStudent: true }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['EI: daytime student', { ...partTimer, statusCode: 'STUDENT', isDaytimeStudent: true }, 'EI', false, 'EI_NOT_REQUIRED_STUDENT'],
  ['EI: night student', { ...partTimer, statusCode: 'STUDENT', isDaytimeStudent: false }, 'EI', true, 'EI_REQUIRED'],
  ['NP: a 20-year-old international student must enrol', { ...resident, statusCode: 'STUDENT', birthDate: '2004-05-01', isDaytimeStudent: true }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],

  // --- Employment Insurance: 20 hours, then 10 from 2028-10-01 ----------------------------------
  ['EI: 19.5 hours on 2028-09-30', { ...partTimer, onDate: '2028-09-30', weeklyContractHours: 19.5 }, 'EI', false, 'EI_NOT_REQUIRED_HOURS'],
  ['EI: 20 hours on 2028-09-30', { ...partTimer, onDate: '2028-09-30', weeklyContractHours: 20 }, 'EI', true, 'EI_REQUIRED'],
  ['EI: 10 hours on 2028-09-30', { ...partTimer, onDate: '2028-09-30', weeklyContractHours: 10 }, 'EI', false, 'EI_NOT_REQUIRED_HOURS'],
  ['EI: 9.5 hours on 2028-10-01', { ...partTimer, onDate: '2028-10-01', weeklyContractHours: 9.5 }, 'EI', false, 'EI_NOT_REQUIRED_HOURS'],
  ['EI: 10 hours on 2028-10-01', { ...partTimer, onDate: '2028-10-01', weeklyContractHours: 10 }, 'EI', true, 'EI_REQUIRED'],
  ['EHI: 10 hours on 2028-10-01 is still too few for EHI', { ...partTimer, onDate: '2028-10-01', weeklyContractHours: 10 }, 'EHI', false, 'EHI_NOT_REQUIRED_HOURS'],
  ['EI: half a month', { ...partTimer, expectedEmploymentMonths: 0.5 }, 'EI', false, 'EI_NOT_REQUIRED_DURATION'],
  ['EI: exactly one month needs the day count', { ...partTimer, expectedEmploymentMonths: 1 }, 'EI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['EI: 30 days', { ...partTimer, expectedEmploymentMonths: 1, expectedEmploymentDays: 30 }, 'EI', false, 'EI_NOT_REQUIRED_DURATION'],
  ['EI: 31 days', { ...partTimer, expectedEmploymentMonths: 1, expectedEmploymentDays: 31 }, 'EI', true, 'EI_REQUIRED'],
  ['EI: two months', { ...partTimer, expectedEmploymentMonths: 2 }, 'EI', true, 'EI_REQUIRED'],
  ['EI: no age limit (an 80-year-old working 20 hours)', { ...partTimer, birthDate: '1945-01-01' }, 'EI', true, 'EI_REQUIRED'],
  ['EI: before 2017 is not modelled', { ...partTimer, onDate: '2016-12-31' }, 'EI', 'unknown', 'UNKNOWN_DATE_NOT_MODELLED'],

  // --- Social security agreements -----------------------------------------------------------------
  ['EPI: US certificate', { ...worker, ssaCertificateCountry: 'US' }, 'EPI', false, 'EPI_EXEMPT_SSA'],
  ['EHI: US certificate (the agreement covers health)', { ...worker, ssaCertificateCountry: 'US' }, 'EHI', false, 'EHI_EXEMPT_SSA'],
  ['NP: US certificate', { ...worker, ssaCertificateCountry: 'US' }, 'NP', false, 'NP_EXEMPT_SSA'],
  ['NHI: US certificate, no employee health insurance', { ...resident, ssaCertificateCountry: 'US' }, 'NHI', false, 'NHI_EXEMPT_SSA'],
  ['EPI: Korean certificate', { ...worker, ssaCertificateCountry: 'KR' }, 'EPI', false, 'EPI_EXEMPT_SSA'],
  ['EHI: Korean certificate (pensions only)', { ...worker, ssaCertificateCountry: 'KR' }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['NHI: Chinese certificate (pensions only)', { ...resident, ssaCertificateCountry: 'CN' }, 'NHI', true, 'NHI_REQUIRED_RESIDENT'],
  ['EPI: Italian certificate on 2024-03-31, before the agreement', { ...worker, onDate: '2024-03-31', ssaCertificateCountry: 'IT' }, 'EPI', true, 'EPI_REQUIRED_FULL_TIME'],
  ['EPI: Italian certificate on 2024-04-01', { ...worker, onDate: '2024-04-01', ssaCertificateCountry: 'IT' }, 'EPI', false, 'EPI_EXEMPT_SSA'],
  ['EPI: a country without an agreement', { ...worker, ssaCertificateCountry: 'ZZ' }, 'EPI', 'unknown', 'UNKNOWN_SSA_COUNTRY'],
  ['EPI: unknown country, but 80 years old decides', { ...worker, birthDate: '1945-01-01', ssaCertificateCountry: 'ZZ' }, 'EPI', false, 'EPI_NOT_REQUIRED_AGE_70'],
  ['EI: a certificate does not touch Employment Insurance', { ...worker, ssaCertificateCountry: 'US' }, 'EI', true, 'EI_REQUIRED'],
  ['LTCI: 50 with a US certificate has no medical insurance', { ...resident, birthDate: '1975-01-01', ssaCertificateCountry: 'US' }, 'LTCI', false, 'LTCI_NOT_REQUIRED_NO_HEALTH_INSURANCE'],

  // --- Public assistance ----------------------------------------------------------------------------
  ['NHI: on public assistance', { ...resident, onPublicAssistance: true }, 'NHI', false, 'NHI_EXEMPT_PUBLIC_ASSISTANCE'],
  ['NP: on public assistance is still enrolled (exemption is by application)', { ...resident, onPublicAssistance: true }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],
  ['LTCI: 50 on public assistance, no medical insurance', { ...resident, birthDate: '1975-01-01', onPublicAssistance: true }, 'LTCI', false, 'LTCI_NOT_REQUIRED_NO_HEALTH_INSURANCE'],
  ['LTCI: 70 on public assistance is category 1', { ...resident, birthDate: '1955-01-01', onPublicAssistance: true }, 'LTCI', true, 'LTCI_CATEGORY_1'],
  ['LATE_ELDERLY: 76 on public assistance', { ...resident, birthDate: '1949-01-01', onPublicAssistance: true }, 'LATE_ELDERLY', false, 'LATE_ELDERLY_EXEMPT_PUBLIC_ASSISTANCE'],
  ['LATE_ELDERLY: 76 without public assistance', { ...resident, birthDate: '1949-01-01' }, 'LATE_ELDERLY', true, 'LATE_ELDERLY_REQUIRED'],

  // --- Registration and status ----------------------------------------------------------------------
  ['NHI: unregistered person', { ...resident, registryCategory: 'NOT_REGISTERED', hasResidentRecord: undefined, statusCode: undefined }, 'NHI', false, 'NHI_EXEMPT_NO_RESIDENT_RECORD'],
  ['NP: unregistered person', { ...resident, registryCategory: 'NOT_REGISTERED', hasResidentRecord: undefined, statusCode: undefined }, 'NP', false, 'NP_NOT_REQUIRED_NO_ADDRESS'],
  ['LTCI: unregistered 50-year-old', { ...resident, birthDate: '1975-01-01', registryCategory: 'NOT_REGISTERED', hasResidentRecord: undefined }, 'LTCI', false, 'LTCI_NOT_REQUIRED_NO_RESIDENT_RECORD'],
  ['NHI: temporary visitor without a record', { ...resident, registryCategory: undefined, hasResidentRecord: false, statusCode: 'TEMPORARY_VISITOR' }, 'NHI', false, 'NHI_EXEMPT_NO_RESIDENT_RECORD'],
  ['EHI: an unregistered full-time employee is still insured', { ...worker, registryCategory: 'NOT_REGISTERED', hasResidentRecord: false }, 'EHI', true, 'EHI_REQUIRED_FULL_TIME'],
  ['NHI: dependent with a documented stay over 3 months', { ...resident, statusCode: 'DEPENDENT', registryCategory: undefined, hasResidentRecord: false, documentedStayOverThreeMonths: true }, 'NHI', true, 'NHI_REQUIRED_DOCUMENTED_STAY'],
  ['NHI: special permanent resident (no status code needed)', { ...resident, registryCategory: 'SPECIAL_PERMANENT', statusCode: undefined }, 'NHI', true, 'NHI_REQUIRED_RESIDENT'],
  ['NP: special permanent resident', { ...resident, registryCategory: 'SPECIAL_PERMANENT', statusCode: undefined }, 'NP', true, 'NP_REQUIRED_CATEGORY_1'],
  ['NHI: designated activities, medical stay (notice 25)', { ...resident, statusCode: 'DESIGNATED', designatedActivityNotice: 25 }, 'NHI', false, 'NHI_EXEMPT_STATUS'],
  ['NHI: designated activities, long-stay sightseeing (notice 40)', { ...resident, statusCode: 'DESIGNATED', designatedActivityNotice: 40 }, 'NHI', false, 'NHI_EXEMPT_STATUS'],
  ['NHI: designated activities, notice 46', { ...resident, statusCode: 'DESIGNATED', designatedActivityNotice: 46 }, 'NHI', true, 'NHI_REQUIRED_RESIDENT'],
  ['NHI: designated activities, notice unknown', { ...resident, statusCode: 'DESIGNATED' }, 'NHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NHI: covered by an employer’s health insurance', { ...resident, coveredByEmployeeHealthInsurance: true }, 'NHI', false, 'NHI_EXEMPT_EMPLOYEE_HEALTH_INSURANCE'],
  ['NHI: required in EHI though not enrolled', { ...worker, coveredByEmployeeHealthInsurance: false }, 'NHI', false, 'NHI_EXEMPT_EMPLOYEE_HEALTH_INSURANCE'],

  // --- Dependent spouse living abroad (category 3 needs residence in Japan from 2020-04) ----------
  ['NP: spouse abroad on 2020-03-31 is still category 3', { ...spouseAbroad, onDate: '2020-03-31' }, 'NP', true, 'NP_REQUIRED_CATEGORY_3'],
  ['NP: spouse abroad on 2020-04-01', { ...spouseAbroad, onDate: '2020-04-01' }, 'NP', false, 'NP_NOT_REQUIRED_DEPENDANT_ABROAD'],
  ['NP: spouse abroad in 2021', spouseAbroad, 'NP', false, 'NP_NOT_REQUIRED_DEPENDANT_ABROAD'],
  ['NP: spouse abroad under an exception (e.g. studying abroad)', { ...spouseAbroad, dependantResidenceExceptionApplies: true }, 'NP', true, 'NP_REQUIRED_CATEGORY_3'],
  ['NP: spouse abroad, exception not known', { ...spouseAbroad, dependantResidenceExceptionApplies: undefined }, 'NP', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NHI: spouse abroad has no resident record', spouseAbroad, 'NHI', false, 'NHI_EXEMPT_NO_RESIDENT_RECORD'],
  ['NP: dependent spouse living in Japan', { ...resident, isDependantSpouseOfInsured: true, coveredByEmployeeHealthInsurance: true }, 'NP', true, 'NP_REQUIRED_CATEGORY_3'],

  // --- Missing facts give unknown, unless a known fact decides --------------------------------------
  ['EHI: no employment facts', { onDate: '2025-04-01', birthDate: '1990-06-15' }, 'EHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['EHI: 10 hours decides without any other fact', { onDate: '2025-04-01', weeklyContractHours: 10 }, 'EHI', false, 'EHI_NOT_REQUIRED_HOURS'],
  ['EHI: full time but no birth date', { ...worker, birthDate: undefined }, 'EHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['EHI: short-time, student status unknown', { ...partTimer, isDaytimeStudent: undefined }, 'EHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['EHI: short-time, wage unknown but headcount fails', { ...shortTimeAt('2025-04-01', 10), monthlyScheduledWage: undefined }, 'EHI', false, 'EHI_NOT_REQUIRED_HEADCOUNT'],
  ['NHI: no birth date', { ...resident, birthDate: undefined }, 'NHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NHI: employee coverage unknown', { ...resident, coveredByEmployeeHealthInsurance: undefined }, 'NHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NHI: mid-long-term resident without a status code', { ...resident, statusCode: undefined }, 'NHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NHI: public assistance unknown', { ...resident, onPublicAssistance: undefined }, 'NHI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NP: registration unknown', { ...resident, registryCategory: undefined, hasResidentRecord: undefined }, 'NP', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NP: registration unknown but aged 15 decides', { ...resident, birthDate: '2010-01-01', registryCategory: undefined, hasResidentRecord: undefined }, 'NP', false, 'NP_NOT_REQUIRED_AGE'],
  ['EI: no hours', { ...partTimer, weeklyContractHours: undefined }, 'EI', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['LATE_ELDERLY: no birth date', { ...resident, birthDate: undefined }, 'LATE_ELDERLY', 'unknown', 'UNKNOWN_MISSING_FACTS'],
  ['NHI: 2015 is before the modelled period', { ...resident, onDate: '2015-01-01' }, 'NHI', 'unknown', 'UNKNOWN_DATE_NOT_MODELLED'],
];

function resultFor(facts: ObligationFacts, scheme: Scheme): ObligationResult {
  const result = obligationsOf(facts).find((candidate) => candidate.scheme === scheme);
  if (!result) throw new Error(`no result for ${scheme}`);
  return result;
}

describe('obligationsOf: dated cases', () => {
  it('has at least 70 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
  });

  it.each(cases)('%s', (_description, facts, scheme, required, reasonCode) => {
    const result = resultFor(facts, scheme);
    expect({ required: result.required, reasonCode: result.reasonCode }).toEqual({ required, reasonCode });
    if (required === 'unknown') {
      if (reasonCode === 'UNKNOWN_DATE_NOT_MODELLED') expect(result.missingFacts).toEqual([]);
      else expect(result.missingFacts.length).toBeGreaterThan(0);
    } else {
      expect(result.missingFacts).toEqual([]);
    }
    expect(result.reasonText.ja).not.toMatch(/\{\w+\}/);
    expect(result.reasonText.en).not.toMatch(/\{\w+\}/);
  });
});

describe('obligationsOf: results', () => {
  it('answers every scheme in order', () => {
    expect(obligationsOf(worker).map((result) => result.scheme)).toEqual([...SCHEMES]);
  });

  it('names the missing facts', () => {
    expect(resultFor({ onDate: '2025-04-01', birthDate: '1990-06-15' }, 'EHI').missingFacts).toEqual(
      expect.arrayContaining(['employerIsCorporation', 'weeklyContractHours', 'expectedEmploymentMonths']),
    );
    expect(resultFor({ ...resident, birthDate: undefined }, 'NHI').missingFacts).toEqual(['birthDate']);
    expect(resultFor({ ...partTimer, isDaytimeStudent: undefined }, 'EHI').missingFacts).toEqual(['isDaytimeStudent']);
    expect(resultFor({ ...partTimer, expectedEmploymentMonths: 1 }, 'EI').missingFacts).toEqual([
      'expectedEmploymentDays',
    ]);
    expect(resultFor({ ...resident, statusCode: 'DESIGNATED' }, 'NHI').missingFacts).toEqual([
      'designatedActivityNotice',
    ]);
    expect(resultFor(shortTimeAt('2035-09-30', undefined), 'EHI').missingFacts).toEqual(['employerInsuredHeadcount']);
  });

  it('answers unknown for every scheme without a valid date', () => {
    const results = obligationsOf({ onDate: '2025-02-30', birthDate: '1990-01-01' });
    expect(results.every((result) => result.required === 'unknown')).toBe(true);
    expect(results.every((result) => result.missingFacts.join() === 'onDate')).toBe(true);
  });

  it('reports a gap when EHI is required but not covered', () => {
    const notEnrolled = resultFor({ ...worker, coveredByEmployeeHealthInsurance: false }, 'EHI');
    expect(notEnrolled).toMatchObject({ required: true, covered: false, gap: true });
    expect(resultFor(worker, 'EHI')).toMatchObject({ required: true, covered: true, gap: false });
    expect(resultFor({ ...worker, coveredByEmployeeHealthInsurance: undefined }, 'EHI')).toMatchObject({
      covered: null,
      gap: null,
    });
    expect(resultFor(resident, 'NHI')).toMatchObject({ required: true, covered: null, gap: null });
    expect(resultFor({ ...resident, onPublicAssistance: true }, 'NHI')).toMatchObject({ gap: false });
  });

  it('cites the dated rule in force', () => {
    expect(resultFor(shortTimeAt('2024-10-01', 51), 'EHI')).toMatchObject({
      ruleId: 'SHORT-TIME-51-2024-10',
      effectiveFrom: '2024-10-01',
    });
    expect(resultFor(shortTimeAt('2030-01-15', 25), 'EPI')).toMatchObject({
      ruleId: 'SHORT-TIME-21-2029-10',
      effectiveFrom: '2029-10-01',
    });
    expect(resultFor({ ...partTimer, onDate: '2028-10-01', weeklyContractHours: 10 }, 'EI')).toMatchObject({
      ruleId: 'EI-HOURS-10-2028-10',
      effectiveFrom: '2028-10-01',
    });
    expect(resultFor({ ...worker, ssaCertificateCountry: 'US' }, 'EPI')).toMatchObject({
      ruleId: 'SSA-US-2005-10',
      effectiveFrom: '2005-10-01',
    });
  });

  it('writes reasons in both languages with the facts filled in', () => {
    const result = resultFor(shortTimeAt('2024-10-01', 50), 'EHI');
    expect(result.reasonText.en).toContain('50');
    expect(result.reasonText.en).toContain('51');
    expect(result.reasonText.ja).toContain('51人');
    expect(resultFor({ ...worker, ssaCertificateCountry: 'US' }, 'EHI').reasonText.ja).toContain('アメリカ');
    expect(resultFor({ ...worker, ssaCertificateCountry: 'ZZ' }, 'EPI').reasonText.en).toContain('ZZ');
  });

  it('accepts UK for the United Kingdom and lower case', () => {
    expect(resultFor({ ...worker, ssaCertificateCountry: 'UK' }, 'EPI').reasonCode).toBe('EPI_EXEMPT_SSA');
    expect(resultFor({ ...worker, ssaCertificateCountry: 'de' }, 'EPI').reasonCode).toBe('EPI_EXEMPT_SSA');
  });

  it('reads null like an absent fact', () => {
    expect(resultFor({ ...resident, birthDate: null }, 'NHI').missingFacts).toEqual(['birthDate']);
    expect(resultFor({ ...worker, ssaCertificateCountry: null }, 'EPI').required).toBe(true);
  });
});

describe('age counting', () => {
  it('reaches an age on the eve of the birthday, or on the birthday itself', () => {
    expect(hasReachedAge('2005-06-15', 20, '2025-06-13', 'EVE_OF_BIRTHDAY')).toBe(false);
    expect(hasReachedAge('2005-06-15', 20, '2025-06-14', 'EVE_OF_BIRTHDAY')).toBe(true);
    expect(hasReachedAge('1950-06-15', 75, '2025-06-14', 'BIRTHDAY')).toBe(false);
    expect(hasReachedAge('1950-06-15', 75, '2025-06-15', 'BIRTHDAY')).toBe(true);
    // Born on 1 January: the eve falls in the previous year.
    expect(hasReachedAge('1985-01-01', 40, '2024-12-31', 'EVE_OF_BIRTHDAY')).toBe(true);
  });

  it('puts the anniversary of 29 February on 1 March in common years', () => {
    expect(anniversary('2004-02-29', 20)).toBe('2024-02-29');
    expect(anniversary('2004-02-29', 21)).toBe('2025-03-01');
    expect(hasReachedAge('2004-02-29', 21, '2025-02-28', 'EVE_OF_BIRTHDAY')).toBe(true);
    expect(hasReachedAge('2004-02-29', 21, '2025-02-28', 'BIRTHDAY')).toBe(false);
  });
});

describe('rule data', () => {
  it('has parameters whose rows ascend by date and start with a real date', () => {
    for (const parameter of PARAMETERS) {
      expect(parameter.values.length).toBeGreaterThan(0);
      const dates = parameter.values.map((row) => row.from);
      for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });

  it('has unique rule ids', () => {
    const ids = allRuleRefs().map((rule) => rule.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9-]+$/);
  });

  it('has unique parameter ids and one agreement per country', () => {
    expect(new Set(PARAMETERS.map((parameter) => parameter.id)).size).toBe(PARAMETERS.length);
    const countries = SSA_AGREEMENTS.map((agreement) => agreement.country);
    expect(new Set(countries).size).toBe(countries.length);
    for (const country of countries) expect(country).toMatch(/^[A-Z]{2}$/);
    expect(countries).toHaveLength(24); // the 23 of the reference + Austria (2025-12)
  });

  it('looks up the row in force on a date', () => {
    expect(valueOn(SHORT_TIME_HEADCOUNT, '2016-09-30')).toBeUndefined();
    expect(valueOn(SHORT_TIME_HEADCOUNT, '2024-09-30')?.value).toBe(101);
    expect(valueOn(SHORT_TIME_HEADCOUNT, '2024-10-01')?.value).toBe(51);
    expect(valueOn(SHORT_TIME_HEADCOUNT, '2040-01-01')?.value).toBe(0);
    expect(valueOn(EI_MIN_HOURS, '2028-10-01')?.value).toBe(10);
  });

  it('has a text in both languages for every reason code', () => {
    for (const [code, text] of Object.entries(REASONS)) {
      expect(code).toMatch(/^[A-Z0-9_]+$/);
      expect(text.ja.length).toBeGreaterThan(0);
      expect(text.en.length).toBeGreaterThan(0);
    }
  });
});
