/** Why a resident is told something; each purpose has one template (templates/). */
export const NOTIFICATION_PURPOSES = [
  'NHI_ENROLMENT',
  'ORIENTATION_INVITATION',
  'ORIENTATION_FOLLOW_UP',
  'STATUS_RENEWAL_INSURANCE',
  'SCHOOL_GUIDE',
  'COURSE_PLACE_OFFERED',
] as const;
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];

export const NOTIFICATION_CHANNELS = ['EMAIL', 'LETTER'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * PENDING → SENT, or FAILED (retried with backoff) → … → DEAD after the last attempt. SENDING is
 * only ever seen inside the sending transaction (see delivery/notification-sender.ts): a worker
 * that dies never leaves a row in it. SKIPPED_OPTED_OUT: the resident refused every channel left.
 */
export const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD', 'SKIPPED_OPTED_OUT'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Attempts before a notification is DEAD (the dead-letter list), and the backoff between them. */
export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_SECONDS = 30;
export const BACKOFF_MAX_SECONDS = 6 * 3600;

/** Seconds to wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, 4 min … at most 6 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/** The relay's schedule (apps/worker/src/schedules.ts): due notifications are queued this often. */
export const NOTIFICATION_RELAY_SCHEDULER_ID = 'notification-relay';
export const NOTIFICATION_RELAY_EVERY_MS = 10_000;
