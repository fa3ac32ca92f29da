import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nightly reporting ([K10]): the report catalogue (seeded from libs/reports/src/definitions.ts at
 * start-up), one run per report, scope and as-of date (a second nightly run of the same night finds
 * it and does nothing; a rerun for a past date recomputes it in place), and each run's rows: the
 * figures as computed and which of them small-cell suppression hides. Only the published form (the
 * hidden cells replaced) ever leaves the API.
 */
export class Reports1766800000000 implements MigrationInterface {
  name = 'Reports1766800000000';

  async up(db: QueryRunner): Promise<void> {
    // A failed nightly report alerts the administrators (rule REPORT_FAILED).
    await db.query(`ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_owner_check`);
    await db.query(`ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_owner_check
                      CHECK (owner IN ('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'CASE_OWNER', 'ADMIN'))`);
    await db.query(`
      CREATE TABLE report_definition (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        title_ja text NOT NULL,
        title_en text NOT NULL,
        dimensions text[] NOT NULL,
        measures text[] NOT NULL,
        audience_roles text[] NOT NULL,
        scope_kinds text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE report_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_code text NOT NULL REFERENCES report_definition (code),
        -- A municipality (its code) or a PESO office (its organization id).
        scope_kind text NOT NULL CHECK (scope_kind IN ('MUNICIPALITY', 'PESO')),
        scope_key text NOT NULL,
        as_of date NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        trigger text NOT NULL CHECK (trigger IN ('NIGHTLY', 'MANUAL')),
        attempts int NOT NULL DEFAULT 1,
        min_cell int NOT NULL,
        row_count int,
        suppressed_cells int,
        duration_ms int,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (report_code, scope_kind, scope_key, as_of)
      )`);
    await db.query(`CREATE INDEX report_run_series ON report_run (report_code, scope_kind, scope_key, as_of DESC)`);
    await db.query(`CREATE INDEX report_run_failed ON report_run (started_at DESC) WHERE status = 'FAILED'`);
    await db.query(`
      CREATE TABLE report_row (
        run_id uuid NOT NULL REFERENCES report_run (id) ON DELETE CASCADE,
        seq int NOT NULL,
        -- Total rows carry 'TOTAL' in the dimensions they add up over.
        is_total boolean NOT NULL,
        dims jsonb NOT NULL,
        "values" jsonb NOT NULL,
        suppressed text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE report_row`);
    await db.query(`DROP TABLE report_run`);
    await db.query(`DROP TABLE report_definition`);
    await db.query(`DELETE FROM alert WHERE rule_code IN (SELECT rule_code FROM alert_rule WHERE owner = 'ADMIN')`);
    await db.query(`DELETE FROM alert_rule WHERE owner = 'ADMIN'`);
    await db.query(`ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_owner_check`);
    await db.query(`ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_owner_check
                      CHECK (owner IN ('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'CASE_OWNER'))`);
  }
}
