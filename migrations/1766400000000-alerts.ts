import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts ([K8]): the rule catalogue as data (owner, severity, titles, enabled; how each rule is
 * evaluated is code in libs/alerts) and the alerts themselves, OPEN → ACKNOWLEDGED → RESOLVED or
 * DISMISSED, at most one open per rule and subject (a resident, a case, an enrollment, a report).
 * Closed alerts stay as the history.
 */
export class Alerts1766400000000 implements MigrationInterface {
  name = 'Alerts1766400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_rule (
        rule_code text PRIMARY KEY,
        owner text NOT NULL CHECK (owner IN ('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'CASE_OWNER')),
        severity text NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
        title_ja text NOT NULL,
        title_en text NOT NULL,
        events text[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_code text NOT NULL REFERENCES alert_rule (rule_code),
        municipality_code char(6) NOT NULL,
        -- Alerts about a case belong to the office that owns it.
        owner_org_id uuid REFERENCES organization (id),
        resident_id uuid REFERENCES resident (id) ON DELETE CASCADE,
        subject_key text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED')),
        reason_ja text NOT NULL,
        reason_en text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        acknowledged_at timestamptz,
        acknowledged_by_user_id uuid,
        closed_at timestamptz,
        -- NULL with RESOLVED: the cause went away and the system resolved it.
        closed_by_user_id uuid,
        dismiss_reason text CHECK (length(dismiss_reason) <= 1000),
        -- A dismissed alert keeps the same cause from opening a new one until the cause goes away.
        suppressing boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'DISMISSED' OR dismiss_reason IS NOT NULL)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX alert_one_open ON alert (rule_code, subject_key) WHERE status IN ('OPEN', 'ACKNOWLEDGED')`,
    );
    await db.query(`CREATE INDEX alert_suppressing ON alert (rule_code, subject_key) WHERE suppressing`);
    await db.query(`CREATE INDEX alert_office ON alert (municipality_code, status, opened_at DESC)`);
    await db.query(`CREATE INDEX alert_resident ON alert (resident_id, opened_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alert, alert_rule`);
  }
}
