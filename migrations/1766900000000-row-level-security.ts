import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The application role request work runs as (libs/platform/src/db/row-scope.ts, APPLICATION_ROLE). */
const ROLE = 'kyosei_app';

/**
 * Personal tables that carry the resident's municipality themselves. Left out on purpose:
 * `resident_name` and `resident_name_pair` (the name search's indexes: PostgreSQL may not use a
 * non-leakproof operator such as the GIN index's `@>`/`&&` as an index condition on a table with row
 * security, so a search would read every name of the office; both only lead to `resident`, which
 * is secured), and the offices' own tables (courses, schools, imports, match runs: no personal data).
 */
const ROW_SECURED_TABLES = [
  'resident',
  'household',
  'coverage_period',
  'pension_relief',
  'resident_insurance_facts',
  'employment_record',
  'alert',
  'notification',
  'schooling_status',
  'school_guide_recipient',
] as const;

/** The request's municipalities; NULL (no setting) and '' give no codes, so no rows. */
const SCOPE = `(SELECT string_to_array(current_setting('kyosei.municipalities', true), ','))::char(6)[]`;

/** Views over those tables: read with the caller's rights (and row security), not their owner's. */
const VIEWS = ['resident_register', 'employment_on_record', 'alert_history'] as const;

/**
 * The database backstop for office scoping ([K13]): PostgreSQL row-level security on the personal
 * tables, for the NOLOGIN role `kyosei_app` that request work switches to (`SET ROLE`) with the
 * caller's municipalities in the setting `kyosei.municipalities`. System work (migrations, jobs, the
 * CLI) keeps the login, which owns the tables and is not restricted (owners bypass row security).
 *
 * The policy applies to `kyosei_app` only and fails closed: no setting, an empty one, or codes of
 * other municipalities show no rows (an empty scope never means "all"). The setting is read once per
 * statement (the sub-select is an init plan) and compared as char(6)[], so the indexes that begin
 * with `municipality_code` serve it. TRUNCATE is not granted: it ignores row security.
 *
 * A view replaced later (CREATE OR REPLACE VIEW) loses `security_invoker`: say it again there
 * (test/security/row-level-security.e2e-spec.ts checks every view over a secured table).
 */
export class RowLevelSecurity1766900000000 implements MigrationInterface {
  name = 'RowLevelSecurity1766900000000';

  async up(db: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not the database: another database (a test run's, a second
    // install) may be creating it at this very moment.
    await db.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN
          BEGIN
            CREATE ROLE ${ROLE} NOLOGIN;
          EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'cannot create the role ${ROLE}'
                USING HINT = 'As an administrator: CREATE ROLE ${ROLE} NOLOGIN; GRANT ${ROLE} TO ' || current_user || ';';
          END;
        END IF;
        -- The login must be able to SET ROLE to it (a superuser always can).
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, '${ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ROLE}`);
    await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${ROLE}`);
    await db.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${ROLE}`);
    // Tables, sequences and functions the login creates later, in any schema: later migrations, and
    // the temporary tables of work that runs both as system work and in requests (alert_firing).
    await db.query(`ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ROLE}`);
    await db.query(`ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${ROLE}`);
    await db.query(`ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO ${ROLE}`);

    const inScope = `municipality_code = ANY (${SCOPE})`;
    for (const table of ROW_SECURED_TABLES) {
      await db.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await db.query(
        `CREATE POLICY office_rows ON ${table} FOR ALL TO ${ROLE} USING (${inScope}) WITH CHECK (${inScope})`,
      );
    }
    for (const view of VIEWS) await db.query(`ALTER VIEW ${view} SET (security_invoker = true)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const view of VIEWS) await db.query(`ALTER VIEW ${view} RESET (security_invoker)`);
    for (const table of ROW_SECURED_TABLES) {
      await db.query(`DROP POLICY office_rows ON ${table}`);
      await db.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await db.query(`ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM ${ROLE}`);
    await db.query(`ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM ${ROLE}`);
    await db.query(`ALTER DEFAULT PRIVILEGES REVOKE ALL ON FUNCTIONS FROM ${ROLE}`);
    await db.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ROLE}`);
    await db.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ROLE}`);
    await db.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${ROLE}`);
    await db.query(`REVOKE ALL ON SCHEMA public FROM ${ROLE}`);
    // The role stays: it belongs to the cluster, and other databases may use it.
  }
}
