import type { JobsOptions } from 'bullmq';

/**
 * Every queue, job name and payload in one place, so a producer and its processor cannot
 * drift apart. Job ids are natural keys (no ':' — BullMQ reserves it).
 */
export const QueueName = {
  maintenance: 'maintenance',
  imports: 'imports',
  matching: 'matching',
  alerts: 'alerts',
  notifications: 'notifications',
  schooling: 'schooling',
  reports: 'reports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  heartbeat: 'heartbeat',
  importResidents: 'import-residents',
  matchRun: 'match-run',
  evaluateResidentAlerts: 'evaluate-resident-alerts',
  alertSweep: 'alert-sweep',
  reminderSweep: 'reminder-sweep',
  schoolGuideDispatch: 'school-guide-dispatch',
  reportsNightly: 'reports-nightly',
  reportRun: 'report-run',
  sendNotification: 'send-notification',
  relayNotifications: 'relay-notifications',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayload {
  [JobName.heartbeat]: { scheduledAt?: string };
  [JobName.importResidents]: { importId: string };
  [JobName.matchRun]: { matchRunId: string };
  [JobName.evaluateResidentAlerts]: { residentId: string };
  [JobName.alertSweep]: { scheduledAt?: string; on?: string };
  [JobName.reminderSweep]: { scheduledAt?: string; on?: string };
  [JobName.schoolGuideDispatch]: { dispatchId: string };
  [JobName.reportsNightly]: { scheduledAt?: string; asOf?: string };
  [JobName.reportRun]: { reportCode: string; scopeKind: 'MUNICIPALITY' | 'PESO'; scopeKey: string; asOf: string };
  [JobName.sendNotification]: { notificationId: string };
  [JobName.relayNotifications]: { scheduledAt?: string };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.heartbeat]: QueueName.maintenance,
  [JobName.importResidents]: QueueName.imports,
  [JobName.matchRun]: QueueName.matching,
  [JobName.evaluateResidentAlerts]: QueueName.alerts,
  [JobName.alertSweep]: QueueName.alerts,
  [JobName.reminderSweep]: QueueName.alerts,
  [JobName.schoolGuideDispatch]: QueueName.schooling,
  [JobName.reportsNightly]: QueueName.reports,
  [JobName.reportRun]: QueueName.reports,
  [JobName.sendNotification]: QueueName.notifications,
  [JobName.relayNotifications]: QueueName.notifications,
};

export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.heartbeat]: {
    attempts: 1,
    removeOnComplete: { count: 10 },
    removeOnFail: { count: 100 },
  },
  // Resumable from its checkpoint, so a retry after a crash continues where it stopped.
  [JobName.importResidents]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  // A run writes all its results in one transaction, so a retry simply starts it again.
  [JobName.matchRun]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  // Re-evaluating is idempotent; deduplicated per resident (residentAlertsJob below).
  [JobName.evaluateResidentAlerts]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  [JobName.alertSweep]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 30 },
    removeOnFail: { count: 100 },
  },
  // Each reminder step has a dedup key: a retried or repeated run queues nothing twice.
  [JobName.reminderSweep]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 30 },
    removeOnFail: { count: 100 },
  },
  // Each guide's dedup key (guardian and school year): a retried or repeated dispatch sends nothing twice.
  [JobName.schoolGuideDispatch]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 30 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  // A night's runs are unique per report, scope and date: a retry finds the done ones and skips them.
  [JobName.reportsNightly]: {
    attempts: 2,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 60 },
    removeOnFail: { count: 100 },
  },
  // A rerun for a past date (an administrator's request) recomputes that run in place.
  [JobName.reportRun]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  // The outbox row is the truth: a retried send first checks whether it was already sent.
  [JobName.sendNotification]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  [JobName.relayNotifications]: {
    attempts: 1,
    removeOnComplete: { count: 10 },
    removeOnFail: { count: 100 },
  },
};

/** Natural job ids (no ':' allowed): one job per import run, however often it is enqueued. */
export const importJobId = (importId: string): string => `import-${importId}`;
export const matchRunJobId = (matchRunId: string): string => `match-${matchRunId}`;
/** A resident's alert evaluation: one waiting per resident, and one more queued behind a running one. */
export const residentAlertsJob = (residentId: string): JobsOptions => ({
  ...JOB_OPTIONS[JobName.evaluateResidentAlerts],
  deduplication: { id: `alerts-${residentId}`, keepLastIfActive: true },
});
export const notificationJobId = (notificationId: string): string => `notify-${notificationId}`;
export const schoolGuideJobId = (dispatchId: string): string => `school-guide-${dispatchId}`;
/** Nightly alert sweep at 02:00 office time. */
export const ALERT_SWEEP_SCHEDULER_ID = 'alert-sweep';
export const ALERT_SWEEP_CRON = '0 2 * * *';
/** Nightly reminders at 02:30 office time, after the sweep. */
export const REMINDER_SWEEP_SCHEDULER_ID = 'reminder-sweep';
export const REMINDER_SWEEP_CRON = '30 2 * * *';
/** Nightly reports at 01:30 office time, for the day before. */
export const REPORTS_SCHEDULER_ID = 'reports-nightly';
export const REPORTS_CRON = '30 1 * * *';

/** Schedules registered by the worker (the scheduler only enqueues; the job does the work). */
export const HEARTBEAT_EVERY_MS = 60_000;
export const HEARTBEAT_SCHEDULER_ID = 'heartbeat';
/** Redis key where the worker records its last heartbeat (read by /health/ready). */
export const heartbeatKey = (prefix: string): string => `${prefix}:worker:heartbeat`;
