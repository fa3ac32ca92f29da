// Response bodies, from the OpenAPI document (schema.d.ts); the audit log's is written out here
// until its controller declares one.
import type { components } from './schema';

export type Me = components['schemas']['MeView'];
export type User = components['schemas']['UserView'];
export type Role = User['roles'][number];
export type Office = components['schemas']['OfficeSummaryView'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What the role may see of a resident: fields it may not see are absent. */
export type Resident = components['schemas']['ResidentResponse'];
export type StatusChange = components['schemas']['StatusChangeResponse'];
export type Household = components['schemas']['HouseholdResponse'];
export type ImportRun = components['schemas']['ImportRunResponse'];
export type MatchRun = components['schemas']['MatchRunResponse'];
export type ObligationResult = components['schemas']['ObligationResultResponse'];
export type CoveragePeriod = components['schemas']['CoveragePeriodResponse'];
export type MatchReviewPage = components['schemas']['MatchReviewPage'];
export type MatchReviewItem = components['schemas']['MatchReviewItem'];
export type EmployerReportImport = components['schemas']['EmployerReportImportResponse'];
export type EmployerReportPage = components['schemas']['EmployerReportPage'];
export type EmploymentRecord = components['schemas']['EmploymentRecordResponse'];
export type CounselingSession = components['schemas']['CounselingSessionResponse'];
export type ReferralToWork = components['schemas']['ReferralResponse'];
export type ResidentFacts = components['schemas']['ResidentFactsResponse'];
export type CoverageGapPage = components['schemas']['CoverageGapPageResponse'];
export type RenewalCheckPage = components['schemas']['RenewalCheckPageResponse'];

// Japanese-language courses and proficiency ([K6], libs/language)
export type Course = components['schemas']['CourseResponse'];
export type CoursePage = components['schemas']['CoursePage'];
export type CreateCourse = components['schemas']['CreateCourseDto'];
export type CourseSession = components['schemas']['SessionResponse'];
export type RosterEntry = components['schemas']['RosterEntryResponse'];
export type Enrollment = components['schemas']['EnrollmentResponse'];
export type EndedEnrollment = components['schemas']['EndEnrollmentResponse'];
export type AbsenceSignal = components['schemas']['AbsenceSignalResponse'];
export type CloseCourseResult = components['schemas']['CloseCourseResponse'];
export type CourseAttendanceResult = components['schemas']['RecordCourseAttendanceResponse'];
export type CourseAttendanceStatus = components['schemas']['CourseAttendanceRecordDto']['status'];
export type ResidentLanguage = components['schemas']['ResidentLanguageResponse'];
export type Assessment = components['schemas']['AssessmentResponse'];
export type Framework = Assessment['framework'];
export type ReferenceLevel = Course['levelFrom'];

// Orientation ([K6], libs/orientation)
export type OrientationSession = components['schemas']['OrientationSessionResponse'];
export type OrientationSessionPage = components['schemas']['OrientationSessionPage'];
export type OrientationTopic = OrientationSession['topics'][number];
export type OrientationAttendance = components['schemas']['AttendanceResponse'];
export type OrientationStatus = OrientationAttendance['status'];
export type ResidentOrientation = components['schemas']['ResidentOrientationResponse'];
export type NewcomerInvitationPage = components['schemas']['NewcomerInvitationPage'];

// Cases, referrals and consent ([K7], libs/cases)
export type Case = components['schemas']['CaseResponse'];
export type CasePage = components['schemas']['CasePage'];
export type CaseCategory = Case['category'];
export type CaseStatus = Case['status'];
export type CasePriority = Case['priority'];
export type CaseNote = components['schemas']['NoteResponse'];
export type TimelineEntry = components['schemas']['TimelineEntryResponse'];
export type CaseReferral = components['schemas']['CaseReferralResponse'];
export type ReferralStatus = CaseReferral['status'];
export type ConsentPurpose = CaseReferral['purpose'];
export type Consent = components['schemas']['ConsentResponse'];
export type AccessDisclosurePage = components['schemas']['AccessDisclosurePage'];
export type AccessDisclosureEntry = components['schemas']['AccessDisclosureEntry'];

// Alerts ([K8], libs/alerts)
export type Bilingual = components['schemas']['Bilingual'];
export type AlertItem = components['schemas']['AlertResponse'];
export type AlertSeverity = AlertItem['severity'];
export type AlertStatus = AlertItem['status'];
export type AlertAction = components['schemas']['UpdateAlertDto']['status'];
export type AlertCount = components['schemas']['AlertCountResponse'];
export type AlertRule = components['schemas']['AlertRuleResponse'];

// Children and schooling ([K9], libs/schooling)
export type School = components['schemas']['SchoolResponse'];
export type SchoolKind = School['kind'];
export type ChildSchooling = components['schemas']['ChildSchoolingResponse'];
export type SchoolingStatus = ChildSchooling['status'];
export type SchoolStage = ChildSchooling['schoolAge']['stage'];
export type SchoolEnrollment = components['schemas']['SchoolEnrollmentResponse'];
export type RecordedSchoolingStatus = components['schemas']['SchoolingStatusResponse'];
export type AbsenceMonth = components['schemas']['AbsenceMonthResponse'];
export type AbsenceReason = NonNullable<AbsenceMonth['reason']>;
export type GuideResponse = components['schemas']['GuideResponseResponse'];
export type SchoolAgeChild = components['schemas']['SchoolAgeChildResponse'];
export type SchoolAgeChildrenPage = components['schemas']['SchoolAgeChildrenPage'];
export type MextSurvey = components['schemas']['MextSurveyResponse'];
export type MextSurveyRow = components['schemas']['MextSurveyRow'];
export type GuideDispatch = components['schemas']['GuideDispatchResponse'];

export interface AuditEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  purpose: string | null;
}

// Reports ([K10], libs/reports). The OpenAPI document types titles, dimensions and values as empty
// records and series rows as strings; these follow libs/reports/src/reports.dto.ts instead.
export type ReportRun = components['schemas']['ReportRunResponse'];
export type ReportRunPage = components['schemas']['ReportRunPage'];
export type ReportRunStatus = ReportRun['status'];
export type RerunAccepted = components['schemas']['RerunAcceptedResponse'];
export type ReportDefinition = Omit<components['schemas']['ReportDefinitionResponse'], 'title'> & { title: Bilingual };
/** A figure, `<k` (a count under k), `x` (a count hidden to protect another) or null (a hidden rate or median). */
export type PublishedValue = number | string | null;
export interface PublishedRow {
  /** A total row has 'TOTAL' in the dimensions it adds up over. */
  dims: Record<string, string>;
  isTotal: boolean;
  values: Record<string, PublishedValue>;
}
export type PublishedReport = Omit<components['schemas']['PublishedReportResponse'], 'title' | 'rows'> & {
  title: Bilingual;
  rows: PublishedRow[];
};
export interface ReportSeries {
  reportCode: string;
  measure: string;
  points: Array<{ asOf: string; rows: Array<{ dims: Record<string, string>; value: PublishedValue }> }>;
}
