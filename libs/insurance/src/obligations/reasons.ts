/**
 * Reason texts, in Japanese and English, keyed by the stable reason codes of the results.
 * `{name}` is filled from the evaluation (hours, thresholds, a country…); a value may itself be
 * bilingual.
 */
export interface Bilingual {
  ja: string;
  en: string;
}

export type ReasonParams = Record<string, string | number | Bilingual>;

function employeeReasons<P extends 'EHI' | 'EPI'>(prefix: P, scheme: Bilingual, ageReason: Bilingual) {
  const ja = scheme.ja;
  const en = scheme.en;
  return {
    [`${prefix}_REQUIRED_FULL_TIME`]: {
      ja: `週{hours}時間の勤務(通常の労働者の4分の3の目安として30時間以上で判定)で適用事業所に使用されているため、${ja}の加入が必要です。`,
      en: `Works {hours} hours a week for a covered employer (30 hours or more is taken as 3/4 of a regular employee's hours): ${en} is compulsory.`,
    },
    [`${prefix}_REQUIRED_SHORT_TIME`]: {
      ja: `短時間労働者の要件(週20時間以上、所定内賃金月{minWage}円以上、{duration}、昼間学生でない、{size})をすべて満たすため、${ja}の加入が必要です。`,
      en: `Meets every short-time worker test in force on this date (20 hours a week or more, scheduled wage of ¥{minWage} a month or more, {duration}, not a daytime student, {size}): ${en} is compulsory.`,
    },
    [`${prefix}_NOT_REQUIRED_NOT_EMPLOYED`]: {
      ja: `雇用されていないため、${ja}の加入義務はありません。`,
      en: `Not employed: ${en} does not apply.`,
    },
    [`${prefix}_NOT_REQUIRED_EMPLOYER`]: {
      ja: `勤務先が法人ではなく、被保険者もいない(強制適用でない個人事業所)ため、${ja}の対象外です。`,
      en: `The employer is not a corporation and insures nobody (a sole proprietorship outside compulsory coverage): ${en} does not apply.`,
    },
    [`${prefix}_NOT_REQUIRED_HOURS`]: {
      ja: `週の所定労働時間{hours}時間は{minHours}時間未満のため、${ja}の対象外です。`,
      en: `{hours} contracted hours a week is below {minHours}: ${en} does not apply.`,
    },
    [`${prefix}_NOT_REQUIRED_SHORT_CONTRACT`]: {
      ja: `見込まれる雇用期間({months}か月)が要件({duration})を満たさないため、${ja}の対象外です。`,
      en: `Expected employment of {months} months does not meet the test ({duration}): ${en} does not apply.`,
    },
    [`${prefix}_NOT_REQUIRED_STUDENT`]: {
      ja: `昼間学生の短時間労働者は${ja}の対象外です(夜間・通信制・休学中の学生は除かれません)。`,
      en: `A daytime student working short hours is outside ${en} (night, correspondence and on-leave students are not).`,
    },
    [`${prefix}_NOT_REQUIRED_WAGE`]: {
      ja: `所定内賃金が月{wage}円で{minWage}円未満のため、短時間労働者として${ja}の対象外です。`,
      en: `A scheduled wage of ¥{wage} a month is below ¥{minWage}: as a short-time worker, outside ${en}.`,
    },
    [`${prefix}_NOT_REQUIRED_HEADCOUNT`]: {
      ja: `勤務先の被保険者数は{headcount}人で、この日の短時間労働者の適用基準({threshold}人以上)に達しないため、${ja}の対象外です。`,
      en: `The employer insures {headcount} people; on this date short-time workers are covered only at employers insuring {threshold} or more: ${en} does not apply.`,
    },
    [`${prefix}_NOT_REQUIRED_AGE_${prefix === 'EHI' ? '75' : '70'}`]: ageReason,
    [`${prefix}_EXEMPT_SSA`]: {
      ja: `{country}との社会保障協定の適用証明書により、${ja}の加入が免除されます。`,
      en: `A certificate of coverage under the social security agreement with {country} exempts from ${en}.`,
    },
  } as Record<
    | `${P}_REQUIRED_FULL_TIME`
    | `${P}_REQUIRED_SHORT_TIME`
    | `${P}_NOT_REQUIRED_NOT_EMPLOYED`
    | `${P}_NOT_REQUIRED_EMPLOYER`
    | `${P}_NOT_REQUIRED_HOURS`
    | `${P}_NOT_REQUIRED_SHORT_CONTRACT`
    | `${P}_NOT_REQUIRED_STUDENT`
    | `${P}_NOT_REQUIRED_WAGE`
    | `${P}_NOT_REQUIRED_HEADCOUNT`
    | `${P}_NOT_REQUIRED_AGE_${P extends 'EHI' ? '75' : '70'}`
    | `${P}_EXEMPT_SSA`,
    Bilingual
  >;
}

export const REASONS = {
  // National Health Insurance (国民健康保険)
  NHI_REQUIRED_RESIDENT: {
    ja: '住民登録があり、75歳未満で、被用者保険・生活保護・適用除外の在留資格のいずれにも当たらないため、国民健康保険の加入が必要です。',
    en: 'A registered resident under 75, not in an employer’s health insurance, not on public assistance and not in an excluded status: National Health Insurance is compulsory.',
  },
  NHI_REQUIRED_DOCUMENTED_STAY: {
    ja: '住民票はありませんが、在留資格({status})と資料から3か月を超える滞在が認められるため、国民健康保険の加入が必要です。',
    en: 'No resident record, but the status ({status}) and documents show a stay of more than 3 months: National Health Insurance is compulsory.',
  },
  NHI_EXEMPT_NO_RESIDENT_RECORD: {
    ja: '住民票がない(未登録、または3か月以下の在留)ため、国民健康保険の対象外です。',
    en: 'No resident record (not registered, or a stay of 3 months or less): outside National Health Insurance.',
  },
  NHI_EXEMPT_STATUS: {
    ja: '在留資格({status})は国民健康保険の適用除外です。',
    en: 'The status of residence ({status}) is excluded from National Health Insurance.',
  },
  NHI_EXEMPT_AGE_75: {
    ja: '75歳以上のため、国民健康保険ではなく後期高齢者医療制度の対象です。',
    en: 'Aged 75 or over: the late-stage elderly medical care system applies instead of National Health Insurance.',
  },
  NHI_EXEMPT_EMPLOYEE_HEALTH_INSURANCE: {
    ja: '勤務先の健康保険の被保険者・被扶養者である(または加入義務がある)ため、国民健康保険の対象外です。',
    en: 'Insured or a dependant in an employer’s health insurance (or required to be insured there): outside National Health Insurance.',
  },
  NHI_EXEMPT_SSA: {
    ja: '医療保険を対象とする{country}との社会保障協定の適用証明書により、国民健康保険は免除されます。',
    en: 'A certificate of coverage under the social security agreement with {country}, which covers health insurance, exempts from National Health Insurance.',
  },
  NHI_EXEMPT_PUBLIC_ASSISTANCE: {
    ja: '生活保護を受けているため国民健康保険の対象外です(医療は医療扶助で賄われます)。',
    en: 'On public assistance: outside National Health Insurance (medical care is paid by medical assistance).',
  },

  ...employeeReasons(
    'EHI',
    { ja: '健康保険', en: 'employees’ health insurance' },
    {
      ja: '75歳以上のため健康保険の対象外です(後期高齢者医療制度に移ります)。',
      en: 'Aged 75 or over: outside employees’ health insurance (the late-stage elderly system applies).',
    },
  ),
  ...employeeReasons(
    'EPI',
    { ja: '厚生年金保険', en: 'Employees’ Pension' },
    {
      ja: '70歳に達している(70歳の誕生日の前日以降)ため、厚生年金保険の対象外です。',
      en: 'Has reached 70 (from the day before the 70th birthday): outside Employees’ Pension.',
    },
  ),

  // National Pension (国民年金)
  NP_REQUIRED_CATEGORY_1: {
    ja: '日本に住所があり20歳以上60歳未満のため、国民年金第1号被保険者として加入が必要です(国籍は問いません。厚生年金に加入する場合は第2号)。',
    en: 'Has an address in Japan and is 20–59: National Pension category 1 is compulsory, whatever the nationality (category 2 instead if in Employees’ Pension).',
  },
  NP_REQUIRED_CATEGORY_2: {
    ja: '厚生年金保険の被保険者であるため、国民年金第2号被保険者です(保険料は厚生年金保険料に含まれます)。',
    en: 'In Employees’ Pension, hence National Pension category 2 (the premium is part of the Employees’ Pension contribution).',
  },
  NP_REQUIRED_CATEGORY_3: {
    ja: '第2号被保険者の被扶養配偶者で20歳以上60歳未満のため、国民年金第3号被保険者です(本人の保険料負担はありません)。',
    en: 'The dependent spouse of a category-2 member, aged 20–59: National Pension category 3 (no premium of one’s own).',
  },
  NP_NOT_REQUIRED_AGE: {
    ja: '20歳以上60歳未満ではなく、厚生年金にも加入していないため、国民年金の強制加入の対象外です(任意加入できる場合があります)。',
    en: 'Not aged 20–59 and not in Employees’ Pension: National Pension is not compulsory (voluntary enrolment may be possible).',
  },
  NP_NOT_REQUIRED_NO_ADDRESS: {
    ja: '日本に住所(住民票)がなく、厚生年金にも加入していないため、国民年金の強制加入の対象外です。',
    en: 'No address in Japan (no resident record) and not in Employees’ Pension: National Pension is not compulsory.',
  },
  NP_NOT_REQUIRED_DEPENDANT_ABROAD: {
    ja: '2020年4月以降、第3号被保険者には日本国内居住が必要です。海外に住む被扶養配偶者は、留学・海外赴任への同行などの例外を除き対象外です。',
    en: 'Since 2020-04 category 3 requires residence in Japan: a dependent spouse living abroad is outside it, save exceptions such as study abroad or accompanying an assignment abroad.',
  },
  NP_EXEMPT_SSA: {
    ja: '{country}との社会保障協定の適用証明書により、日本の年金制度(国民年金)の加入が免除されます。',
    en: 'A certificate of coverage under the social security agreement with {country} exempts from the Japanese pension schemes (National Pension).',
  },

  // Employment Insurance (雇用保険)
  EI_REQUIRED: {
    ja: '週{minHours}時間以上・31日以上の雇用見込みで、昼間学生でないため、雇用保険の加入が必要です(国籍は問いません)。',
    en: '{minHours} contracted hours a week or more, employment expected for 31 days or more, not a daytime student: Employment Insurance is compulsory, whatever the nationality.',
  },
  EI_NOT_REQUIRED_NOT_EMPLOYED: {
    ja: '雇用されていないため、雇用保険の対象外です。',
    en: 'Not employed: Employment Insurance does not apply.',
  },
  EI_NOT_REQUIRED_HOURS: {
    ja: '週の所定労働時間{hours}時間は、この日の基準({minHours}時間)未満のため、雇用保険の対象外です。',
    en: '{hours} contracted hours a week is below the {minHours} hours in force on this date: Employment Insurance does not apply.',
  },
  EI_NOT_REQUIRED_DURATION: {
    ja: '31日以上の雇用が見込まれないため、雇用保険の対象外です。',
    en: 'Employment is not expected to last 31 days: Employment Insurance does not apply.',
  },
  EI_NOT_REQUIRED_STUDENT: {
    ja: '昼間学生は原則として雇用保険の対象外です(卒業後も引き続き雇用される場合などの例外があります)。',
    en: 'Daytime students are outside Employment Insurance as a rule (exceptions exist, e.g. when kept on after graduation).',
  },

  // Long-term care insurance (介護保険)
  LTCI_CATEGORY_1: {
    ja: '65歳に達しており(65歳の誕生日の前日以降)日本に住所があるため、介護保険第1号被保険者です。',
    en: 'Has reached 65 (from the day before the 65th birthday) and has an address in Japan: long-term care insurance category 1.',
  },
  LTCI_CATEGORY_2: {
    ja: '40歳以上65歳未満で医療保険に加入しているため、介護保険第2号被保険者です(保険料は医療保険料と併せて納めます)。',
    en: 'Aged 40–64 and in a medical insurance scheme: long-term care insurance category 2 (the premium is paid with the health insurance premium).',
  },
  LTCI_NOT_REQUIRED_AGE: {
    ja: '40歳に達していない(40歳の誕生日の前日より前)ため、介護保険の対象外です。',
    en: 'Has not reached 40 (before the day before the 40th birthday): outside long-term care insurance.',
  },
  LTCI_NOT_REQUIRED_NO_RESIDENT_RECORD: {
    ja: '日本に住所(住民票)がないため、介護保険の対象外です。',
    en: 'No address in Japan (no resident record): outside long-term care insurance.',
  },
  LTCI_NOT_REQUIRED_STATUS: {
    ja: '在留資格({status})は介護保険の適用除外です。',
    en: 'The status of residence ({status}) is excluded from long-term care insurance.',
  },
  LTCI_NOT_REQUIRED_NO_HEALTH_INSURANCE: {
    ja: '40歳以上65歳未満ですが医療保険に加入していない(生活保護や社会保障協定による免除など)ため、介護保険第2号被保険者ではありません。',
    en: 'Aged 40–64 but in no medical insurance scheme (e.g. on public assistance, or exempt under an agreement): not long-term care category 2.',
  },

  // Late-stage elderly medical care (後期高齢者医療制度)
  LATE_ELDERLY_REQUIRED: {
    ja: '75歳以上(75歳の誕生日から)で日本に住所があるため、後期高齢者医療制度の被保険者です。',
    en: 'Aged 75 or over (from the 75th birthday) with an address in Japan: insured in the late-stage elderly medical care system.',
  },
  LATE_ELDERLY_NOT_REQUIRED_AGE: {
    ja: '75歳未満のため、後期高齢者医療制度の対象外です(65〜74歳の一定の障害がある方は申請により加入できます)。',
    en: 'Under 75: outside the late-stage elderly system (people aged 65–74 with certain disabilities may join on application).',
  },
  LATE_ELDERLY_NOT_REQUIRED_NO_RESIDENT_RECORD: {
    ja: '日本に住所(住民票)がないため、後期高齢者医療制度の対象外です。',
    en: 'No address in Japan (no resident record): outside the late-stage elderly system.',
  },
  LATE_ELDERLY_NOT_REQUIRED_STATUS: {
    ja: '在留資格({status})は後期高齢者医療制度の適用除外です。',
    en: 'The status of residence ({status}) is excluded from the late-stage elderly system.',
  },
  LATE_ELDERLY_EXEMPT_PUBLIC_ASSISTANCE: {
    ja: '生活保護を受けているため、後期高齢者医療制度の適用除外です(医療は医療扶助で賄われます)。',
    en: 'On public assistance: excluded from the late-stage elderly system (medical care is paid by medical assistance).',
  },
  LATE_ELDERLY_EXEMPT_SSA: {
    ja: '医療保険を対象とする{country}との社会保障協定の適用証明書により、日本の医療保険は免除されます。',
    en: 'A certificate of coverage under the social security agreement with {country}, which covers health insurance, exempts from Japanese health insurance.',
  },

  // Answers that cannot be given
  UNKNOWN_MISSING_FACTS: {
    ja: '判断に必要な事実がありません: {facts}。推測はしません。',
    en: 'Cannot decide without these facts: {facts}. Nothing is assumed.',
  },
  UNKNOWN_SSA_COUNTRY: {
    ja: '「{country}」との社会保障協定は登録されていないため、適用証明書の効果を判断できません。',
    en: 'No social security agreement with "{country}" is known, so the certificate’s effect cannot be decided.',
  },
  UNKNOWN_DATE_NOT_MODELLED: {
    ja: '{from}より前の日付の規則はこのシステムでは扱っていません。',
    en: 'The rules before {from} are not modelled.',
  },
} satisfies Record<string, Bilingual>;

export type ReasonCode = keyof typeof REASONS;

/** The reason text with its `{name}` placeholders filled. */
export function reasonText(code: ReasonCode, params: ReasonParams = {}): Bilingual {
  const fill = (template: string, language: keyof Bilingual) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[language] : String(value);
    });
  return { ja: fill(REASONS[code].ja, 'ja'), en: fill(REASONS[code].en, 'en') };
}
