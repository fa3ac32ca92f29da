import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The joint office ([K7]): cases with notes and a history of status changes, referrals between
 * offices, and the resident's consents that allow a referral for a purpose. The table is
 * `support_case` because CASE is an SQL keyword.
 */
export class Cases1766300000000 implements MigrationInterface {
  name = 'Cases1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE support_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        owner_org_id uuid NOT NULL REFERENCES organization (id),
        worker_user_id uuid REFERENCES app_user (id),
        category text NOT NULL CHECK (category IN ('HOUSING', 'DEBT', 'HEALTH_INSURANCE_ENROLMENT', 'PENSION',
          'SCHOOL_ENROLMENT', 'JOB_SEARCH', 'WORKING_CONDITIONS', 'STATUS_OF_RESIDENCE', 'LANGUAGE', 'CHILDCARE',
          'HEALTH', 'DOMESTIC_VIOLENCE', 'OTHER')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'WAITING', 'REFERRED', 'CLOSED')),
        priority text NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
        next_action_on date,
        closure_reason text CHECK (length(closure_reason) <= 1000),
        closed_on date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'CLOSED') = (closure_reason IS NOT NULL AND closed_on IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX support_case_owner ON support_case (owner_org_id, status, next_action_on)`);
    await db.query(`CREATE INDEX support_case_resident ON support_case (resident_id)`);
    // Who changed what and when: the status changes and reassignments of the timeline.
    await db.query(`
      CREATE TABLE case_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES support_case (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        actor_org_id uuid,
        kind text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX case_event_case ON case_event (case_id, at)`);
    await db.query(`
      CREATE TABLE case_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES support_case (id) ON DELETE CASCADE,
        author_user_id uuid,
        author_org_id uuid NOT NULL REFERENCES organization (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        -- SENSITIVE: special care-required information (health, criminal record, refugee claims):
        -- only the authoring office ever reads it.
        sensitivity text NOT NULL DEFAULT 'NORMAL' CHECK (sensitivity IN ('NORMAL', 'SENSITIVE')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX case_note_case ON case_note (case_id, created_at)`);
    await db.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('EMPLOYMENT_SUPPORT', 'SCHOOL_ENROLMENT_SUPPORT',
          'INSURANCE_ENROLMENT', 'LIVING_SUPPORT', 'LANGUAGE_SUPPORT')),
        recipient_org_id uuid NOT NULL REFERENCES organization (id),
        recorded_by_org_id uuid NOT NULL REFERENCES organization (id),
        granted_on date NOT NULL,
        expires_on date,
        withdrawn_on date,
        -- The signed form (its reference in the document store) and the language it was explained in.
        evidence_ref text NOT NULL CHECK (length(evidence_ref) BETWEEN 1 AND 200),
        explanation_language text NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_on IS NULL OR expires_on >= granted_on),
        CHECK (withdrawn_on IS NULL OR withdrawn_on >= granted_on)
      )`);
    await db.query(`CREATE INDEX consent_resident ON consent (resident_id, purpose, recipient_org_id)`);
    await db.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES support_case (id) ON DELETE CASCADE,
        from_org_id uuid NOT NULL REFERENCES organization (id),
        to_org_id uuid NOT NULL REFERENCES organization (id),
        purpose text NOT NULL,
        consent_id uuid NOT NULL REFERENCES consent (id),
        message text CHECK (length(message) <= 4000),
        status text NOT NULL DEFAULT 'SENT' CHECK (status IN ('SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED')),
        response_note text CHECK (length(response_note) <= 4000),
        sent_by_user_id uuid,
        responded_by_user_id uuid,
        responded_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_org_id <> to_org_id)
      )`);
    await db.query(`CREATE INDEX referral_case ON referral (case_id)`);
    await db.query(`CREATE INDEX referral_to_org ON referral (to_org_id, status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE referral, consent, case_note, case_event, support_case`);
  }
}
