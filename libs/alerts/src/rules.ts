import type { DomainEventName, Role } from '@app/platform';

export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';
/** Alerts about a case go to the office that owns it, city or PESO. */
export type AlertOwner = Role | 'CASE_OWNER';

/**
 * The alert rule catalogue: what each rule means, who works it, how urgent it is, and which domain
 * events re-evaluate it for the resident concerned. How it is evaluated is code (evaluators.ts);
 * whether it is enabled is data (alert_rule.enabled, seeded from this list).
 */
export interface AlertRuleDefinition {
  code: string;
  owner: AlertOwner;
  severity: Severity;
  title: { ja: string; en: string };
  events: DomainEventName[];
  /**
   * Raised by the system when something happens (a nightly report failed) rather than found by
   * evaluation: neither the sweep nor a resident's evaluation touches it; it is resolved by
   * whoever raised it, or by a person.
   */
  raised?: true;
}

export const ALERT_RULES: readonly AlertRuleDefinition[] = [
  {
    code: 'NO_HEALTH_COVERAGE',
    owner: 'CITY_CASEWORKER',
    severity: 'WARNING',
    title: { ja: '健康保険の加入がありません', en: 'No health insurance although required' },
    events: ['coverage.changed', 'insurance-facts.changed', 'employment.changed'],
  },
  {
    code: 'NO_PENSION_COVERAGE',
    owner: 'CITY_CASEWORKER',
    severity: 'WARNING',
    title: { ja: '年金の加入がありません', en: 'No pension coverage although required' },
    events: ['coverage.changed', 'insurance-facts.changed', 'employment.changed'],
  },
  {
    code: 'NO_EI_WHILE_INSURED_WORK',
    owner: 'PESO_COUNSELOR',
    severity: 'WARNING',
    title: { ja: '雇用保険の加入がありません', en: 'Insured work without employment insurance' },
    events: ['coverage.changed', 'insurance-facts.changed', 'employment.changed'],
  },
  {
    code: 'STATUS_EXPIRING_NO_INSURANCE',
    owner: 'CITY_CASEWORKER',
    severity: 'CRITICAL',
    title: {
      ja: '在留期間の満了が近く、健康保険の記録がありません',
      en: 'Status of residence expires within 90 days with no health insurance on record',
    },
    events: ['coverage.changed', 'resident.changed'],
  },
  {
    code: 'NEWCOMER_NOT_ENROLLED_14D',
    owner: 'CITY_CASEWORKER',
    severity: 'WARNING',
    title: {
      ja: '転入から14日を過ぎても保険・年金の加入がありません',
      en: 'Moved in over 14 days ago with no insurance or pension enrolment',
    },
    events: ['coverage.changed', 'resident.changed'],
  },
  {
    code: 'LEARNER_ABSENT_3',
    owner: 'CITY_CASEWORKER',
    severity: 'INFO',
    title: { ja: '日本語教室を3回続けて欠席', en: 'Absent from a Japanese course three times in a row' },
    events: ['learner.absent', 'attendance.changed'],
  },
  {
    code: 'CASE_ACTION_OVERDUE',
    owner: 'CASE_OWNER',
    severity: 'WARNING',
    title: { ja: 'ケースの次の対応日を過ぎています', en: "A case's next action date has passed" },
    events: ['case.changed'],
  },
  {
    code: 'EMPLOYER_REPORT_LATE',
    owner: 'PESO_COUNSELOR',
    severity: 'INFO',
    title: { ja: '雇用状況の届出が期限後に提出されました', en: "An employer's report reached PESO late" },
    events: ['employment.changed'],
  },
  {
    code: 'CHILD_SCHOOL_STATUS_UNCONFIRMED',
    owner: 'SCHOOL_OFFICER',
    severity: 'WARNING',
    title: {
      ja: '就学案内の送付後、就学状況が確認できていません（家庭訪問が必要）',
      en: 'No news of the child 60 days after the enrolment guide: home visit due',
    },
    events: ['schooling.changed', 'resident.changed'],
  },
  {
    code: 'CHILD_NOT_ENROLLED',
    owner: 'SCHOOL_OFFICER',
    severity: 'CRITICAL',
    title: { ja: '学齢の子どもが不就学です', en: 'A child of compulsory-school age attends no school' },
    events: ['schooling.changed', 'resident.changed'],
  },
  {
    code: 'CHILD_LONG_ABSENCE',
    owner: 'SCHOOL_OFFICER',
    severity: 'WARNING',
    title: { ja: '今年度の欠席が30日以上です（長期欠席）', en: 'Absent 30 days or more this school year' },
    events: ['schooling.changed'],
  },
  {
    code: 'NEWCOMER_CHILD_NO_SCHOOL_30D',
    owner: 'SCHOOL_OFFICER',
    severity: 'WARNING',
    title: {
      ja: '転入から30日を過ぎても学校に通っていない学齢の子どもがいます',
      en: 'A school-age child who moved in over 30 days ago attends no school',
    },
    events: ['schooling.changed', 'resident.changed'],
  },
  {
    code: 'REPORT_FAILED',
    owner: 'ADMIN',
    severity: 'CRITICAL',
    title: { ja: '夜間の統計レポートの作成に失敗しました', en: 'A nightly report failed after its retries' },
    events: [],
    raised: true,
  },
];

export const RULE_BY_CODE = new Map(ALERT_RULES.map((rule) => [rule.code, rule]));
