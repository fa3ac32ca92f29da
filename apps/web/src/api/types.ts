// Response bodies, from the OpenAPI document (schema.d.ts); the audit log's is written out here
// until its controller declares one.
import type { components } from './schema';

export type Me = components['schemas']['MeView'];
export type User = components['schemas']['UserView'];
export type Role = User['roles'][number];

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

export interface AuditEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  purpose: string | null;
}
