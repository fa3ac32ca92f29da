import type { MigrationInterface, QueryRunner } from 'typeorm';

/** libs/notifications/src/purposes.ts holds the same lists. */
const PURPOSES = [
  'NHI_ENROLMENT',
  'ORIENTATION_INVITATION',
  'ORIENTATION_FOLLOW_UP',
  'STATUS_RENEWAL_INSURANCE',
  'SCHOOL_GUIDE',
  'COURSE_PLACE_OFFERED',
];
const STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD', 'SKIPPED_OPTED_OUT'];
const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Notifications to residents ([K8]): the outbox `notification` (written in the transaction of its
 * cause, sent by the worker's relay by email or printed as a letter), residents' e-mail addresses
 * (`resident_contact`: the register has none, and the register's table is not this domain's),
 * opt-outs per channel, and reminder schedules as data.
 */
export class Notifications1766500000000 implements MigrationInterface {
  name = 'Notifications1766500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE resident_contact (
        resident_id uuid PRIMARY KEY REFERENCES resident (id) ON DELETE CASCADE,
        email text CHECK (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE notification_opt_out (
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'LETTER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resident_id, channel)
      )`);
    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        purpose text NOT NULL CHECK (purpose IN (${list(PURPOSES)})),
        template_code text NOT NULL,
        -- The resident's language as recorded, and the language of the template actually used.
        requested_language text,
        language text NOT NULL,
        channel text CHECK (channel IN ('EMAIL', 'LETTER')),
        recipient text CHECK (length(recipient) <= 254),
        subject text NOT NULL CHECK (length(subject) <= 500),
        body text NOT NULL CHECK (length(body) <= 20000),
        data jsonb NOT NULL DEFAULT '{}',
        -- A natural key of the reminder (e.g. status-renewal-insurance-<resident>-<expiry>-60): the
        -- same reminder is never queued twice, however often its cause is evaluated.
        dedup_key text NOT NULL UNIQUE CHECK (length(dedup_key) BETWEEN 1 AND 300),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN (${list(STATUSES)})),
        attempts int NOT NULL DEFAULT 0,
        -- Sends asked again by staff; part of the Message-ID of every send after the first.
        resend_count int NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        message_id text,
        -- The SMTP server's reply to the end of the message (its queue id), once it came.
        smtp_response text,
        letter_pdf bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_channel CHECK (channel IS NOT NULL OR status = 'SKIPPED_OPTED_OUT'),
        CONSTRAINT notification_email_recipient CHECK (channel IS DISTINCT FROM 'EMAIL' OR recipient IS NOT NULL)
      )`);
    // What the relay looks for: rows due for a (first or next) attempt. Small: sent rows leave it.
    await db.query(
      `CREATE INDEX notification_due ON notification (next_attempt_at, id) WHERE status IN ('PENDING', 'FAILED')`,
    );
    // A resident's notifications, newest first; an office's outbox by status, newest first.
    await db.query(`CREATE INDEX notification_resident ON notification (resident_id, created_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX notification_office ON notification (municipality_code, status, created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX notification_office_all ON notification (municipality_code, created_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE TABLE reminder_schedule (
        purpose text PRIMARY KEY CHECK (purpose IN (${list(PURPOSES)})),
        -- The date the offsets count from (the stay's expiry, the move-in…), and in which direction.
        anchor text NOT NULL CHECK (anchor ~ '^[A-Z_]{1,60}$'),
        direction text NOT NULL CHECK (direction IN ('BEFORE', 'AFTER')),
        offsets_days int[] NOT NULL CHECK (cardinality(offsets_days) BETWEEN 1 AND 10
                                           AND 0 <= ALL (offsets_days) AND 3650 >= ALL (offsets_days)),
        -- The purpose (template) of every step after the first, e.g. an invitation's follow-up.
        follow_up_purpose text CHECK (follow_up_purpose IN (${list(PURPOSES)})),
        enabled boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO reminder_schedule (purpose, anchor, direction, offsets_days, follow_up_purpose) VALUES
        ('STATUS_RENEWAL_INSURANCE', 'STAY_EXPIRY_DATE', 'BEFORE', '{90,60,30}', NULL),
        ('ORIENTATION_INVITATION', 'MOVED_IN_ON', 'AFTER', '{0,30}', 'ORIENTATION_FOLLOW_UP'),
        ('NHI_ENROLMENT', 'UNINSURED_SINCE', 'AFTER', '{0,30}', NULL),
        ('SCHOOL_GUIDE', 'SCHOOL_ENTRY_DATE', 'BEFORE', '{180,90}', NULL),
        ('COURSE_PLACE_OFFERED', 'PLACE_OFFERED_ON', 'AFTER', '{0}', NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reminder_schedule`);
    await db.query(`DROP TABLE notification`);
    await db.query(`DROP TABLE notification_opt_out`);
    await db.query(`DROP TABLE resident_contact`);
  }
}
