import { Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { EmploymentRecordsService } from '@app/employment';
import { CoverageGapsService, ObligationsService, type Scheme } from '@app/insurance';
import { CoursesService } from '@app/language';
import { GUIDE_SILENCE_DAYS, NEWCOMER_SCHOOL_DAYS, SchoolingAlerts } from '@app/schooling';

/** What a rule found: one alert per subject (a resident, a case, an enrollment, a report). */
export interface AlertFiring {
  subjectKey: string;
  residentId: string | null;
  ownerOrgId?: string | null;
  reason: { ja: string; en: string };
  details?: Record<string, unknown>;
}

/** Where a rule looks: a municipality on a day, everyone (sweep) or a few residents (on change). */
export interface AlertScope {
  municipalityCode: string;
  on: string;
  residentIds: readonly string[] | null;
  /** Answers shared by the rules of one evaluation (the coverage rules read the same obligations). */
  shared?: Map<string, Promise<unknown>>;
}

const SCHEMES_OF: Record<string, readonly Scheme[]> = {
  NO_HEALTH_COVERAGE: ['NHI', 'EHI', 'LATE_ELDERLY'],
  NO_PENSION_COVERAGE: ['NP', 'EPI'],
  NO_EI_WHILE_INSURED_WORK: ['EI'],
};

/** `compute()` once per evaluation when the scope shares answers between rules. */
function once<T>(scope: AlertScope, key: string, compute: () => Promise<T>): Promise<T> {
  if (!scope.shared) return compute();
  let answer = scope.shared.get(key) as Promise<T> | undefined;
  if (!answer) scope.shared.set(key, (answer = compute()));
  return answer;
}

/** Days after moving in by which NHI and pension enrolment is due (the 14-day rule), and how long one stays a newcomer. */
const NEWCOMER_DUE_DAYS = 14;
const NEWCOMER_WINDOW_DAYS = 365;
const EXPIRY_WINDOW_DAYS = 90;

/**
 * How each rule is evaluated, through the owning domains' public services. Coverage rules ask the
 * obligations engine per resident on change, and the gap list's SQL for a whole municipality at
 * night, so both give the answer the coverage-gap screen gives.
 */
@Injectable()
export class AlertEvaluators {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly gaps: CoverageGapsService,
    private readonly courses: CoursesService,
    private readonly cases: CasesService,
    private readonly employment: EmploymentRecordsService,
    private readonly schooling: SchoolingAlerts,
  ) {}

  async firings(ruleCode: string, scope: AlertScope): Promise<AlertFiring[]> {
    switch (ruleCode) {
      case 'NO_HEALTH_COVERAGE':
      case 'NO_PENSION_COVERAGE':
      case 'NO_EI_WHILE_INSURED_WORK':
        return this.coverageGaps(ruleCode, scope);
      case 'STATUS_EXPIRING_NO_INSURANCE':
        return (
          await this.gaps.expiringWithoutHealthCoverage(
            scope.municipalityCode,
            scope.on,
            EXPIRY_WINDOW_DAYS,
            scope.residentIds,
          )
        ).map(({ residentId, stayExpiryDate }) => ({
          subjectKey: residentId,
          residentId,
          reason: {
            ja: `在留期間が${stayExpiryDate}に満了しますが、健康保険の加入記録がありません。`,
            en: `The period of stay ends on ${stayExpiryDate} and no health insurance is on record.`,
          },
          details: { stayExpiryDate },
        }));
      case 'NEWCOMER_NOT_ENROLLED_14D':
        return (
          await this.gaps.newcomersWithoutEnrolment(
            scope.municipalityCode,
            scope.on,
            NEWCOMER_DUE_DAYS + 1,
            NEWCOMER_WINDOW_DAYS,
            scope.residentIds,
          )
        ).map(({ residentId, movedInOn }) => ({
          subjectKey: residentId,
          residentId,
          reason: {
            ja: `${movedInOn}に転入しましたが、健康保険・年金の加入記録がありません（14日以内の手続きが必要です）。`,
            en: `Moved in on ${movedInOn}; no health insurance or pension enrolment on record (due within 14 days).`,
          },
          details: { movedInOn },
        }));
      case 'LEARNER_ABSENT_3':
        return (await this.courses.absentLearnersOf(scope.municipalityCode, scope.residentIds)).map((signal) => ({
          subjectKey: signal.enrollmentId,
          residentId: signal.residentId,
          reason: {
            ja: `「${signal.courseTitle}」を${signal.consecutiveAbsences}回続けて欠席しています。`,
            en: `Absent from "${signal.courseTitle}" ${signal.consecutiveAbsences} times in a row.`,
          },
          details: { courseId: signal.courseId, consecutiveAbsences: signal.consecutiveAbsences },
        }));
      case 'CASE_ACTION_OVERDUE':
        return (await this.cases.overdueCases(scope.municipalityCode, scope.on, scope.residentIds)).map((found) => ({
          subjectKey: found.caseId,
          residentId: found.residentId,
          ownerOrgId: found.ownerOrgId,
          reason: {
            ja: `ケース「${found.title}」の次の対応日（${found.nextActionOn}）を過ぎています。`,
            en: `The next action of case "${found.title}" was due on ${found.nextActionOn}.`,
          },
          details: { caseId: found.caseId, nextActionOn: found.nextActionOn },
        }));
      case 'EMPLOYER_REPORT_LATE':
        return (await this.employment.lateReportsOf(scope.municipalityCode, scope.residentIds)).map((report) => ({
          subjectKey: report.reportId,
          residentId: report.residentId,
          reason: {
            ja: `雇用状況の届出が期限（${report.deadline}）から${report.daysLate}日遅れて提出されました。`,
            en: `The employer's report was ${report.daysLate} days late (deadline ${report.deadline}).`,
          },
          details: { reportId: report.reportId, daysLate: report.daysLate },
        }));
      case 'CHILD_SCHOOL_STATUS_UNCONFIRMED':
        return (await this.schooling.silentAfterGuide(scope.municipalityCode, scope.on, scope.residentIds)).map(
          (found) => ({
            subjectKey: found.residentId,
            residentId: found.residentId,
            reason: {
              ja: `${found.sentOn}に${found.schoolYear}年度の就学案内を送りましたが、${GUIDE_SILENCE_DAYS}日以上たっても回答も就学の記録もありません。`,
              en: `The ${found.schoolYear} enrolment guide went out on ${found.sentOn}; ${GUIDE_SILENCE_DAYS}+ days later there is no answer and no record of schooling.`,
            },
            details: { schoolYear: found.schoolYear, sentOn: found.sentOn },
          }),
        );
      case 'CHILD_NOT_ENROLLED':
        return (await this.schooling.notEnrolled(scope.municipalityCode, scope.on, scope.residentIds)).map((found) => ({
          subjectKey: found.residentId,
          residentId: found.residentId,
          reason: {
            ja: '学齢ですが、どの学校にも通っていないことが確認されています（不就学）。',
            en: 'Of compulsory-school age and found to attend no school.',
          },
        }));
      case 'CHILD_LONG_ABSENCE':
        return (await this.schooling.longAbsences(scope.municipalityCode, scope.on, scope.residentIds)).map(
          (found) => ({
            subjectKey: found.residentId,
            residentId: found.residentId,
            reason: {
              ja: `今年度の欠席が${found.absentDays}日になりました（30日以上は長期欠席）。`,
              en: `Absent ${found.absentDays} days this school year (30 or more is long-term absence).`,
            },
            details: { absentDays: found.absentDays },
          }),
        );
      case 'NEWCOMER_CHILD_NO_SCHOOL_30D':
        return (await this.schooling.newcomersWithoutSchool(scope.municipalityCode, scope.on, scope.residentIds)).map(
          (found) => ({
            subjectKey: found.residentId,
            residentId: found.residentId,
            reason: {
              ja: `${found.movedInOn}に転入した学齢の子どもですが、${NEWCOMER_SCHOOL_DAYS}日を過ぎても通学の記録がありません。`,
              en: `A school-age child who moved in on ${found.movedInOn}; ${NEWCOMER_SCHOOL_DAYS}+ days later no school is on record.`,
            },
            details: { movedInOn: found.movedInOn },
          }),
        );
      default:
        return [];
    }
  }

  private async coverageGaps(ruleCode: string, scope: AlertScope): Promise<AlertFiring[]> {
    const schemes = SCHEMES_OF[ruleCode];
    const found = new Map<string, Scheme[]>();
    if (scope.residentIds) {
      const residentIds = scope.residentIds;
      const obligations = once(scope, 'obligations', () => this.obligations.ofResidents(residentIds, scope.on));
      for (const [residentId, result] of await obligations) {
        if (result.municipalityCode !== scope.municipalityCode) continue;
        const gaps = result.results.filter((r) => schemes.includes(r.scheme) && r.gap === true).map((r) => r.scheme);
        if (gaps.length) found.set(residentId, gaps);
      }
    } else {
      for (const [scheme, ids] of await this.gaps.gapResidentIds(scope.municipalityCode, schemes, scope.on)) {
        for (const id of ids) found.set(id, [...(found.get(id) ?? []), scheme]);
      }
    }
    return [...found].map(([residentId, gapSchemes]) => ({
      subjectKey: residentId,
      residentId,
      reason: {
        ja: `加入が必要な制度（${gapSchemes.join('・')}）の加入記録がありません。`,
        en: `Required but not on record: ${gapSchemes.join(', ')}.`,
      },
      details: { schemes: gapSchemes },
    }));
  }
}
