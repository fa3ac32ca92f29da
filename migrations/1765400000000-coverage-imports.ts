import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage rolls (the city's NHI roll, the PESO's employment-insurance list) loaded through a match
 * run: the roll's coverage columns wait here per line until their row is matched to a resident
 * (at once, or after a reviewer accepts it), then become coverage periods.
 */
export class CoverageImports1765400000000 implements MigrationInterface {
  name = 'CoverageImports1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE coverage_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        match_run_id uuid NOT NULL UNIQUE,
        scheme text NOT NULL CHECK (scheme IN ('NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY')),
        source text NOT NULL CHECK (source IN ('CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT', 'MANUAL', 'MATCH_RUN')),
        file_name text NOT NULL,
        created_by_user_id uuid,
        total_lines int NOT NULL DEFAULT 0,
        applied_lines int NOT NULL DEFAULT 0,
        conflict_lines int NOT NULL DEFAULT 0,
        invalid_lines int NOT NULL DEFAULT 0,
        last_applied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX coverage_import_municipality ON coverage_import (municipality_code, created_at DESC)`);
    await db.query(`
      CREATE TABLE coverage_import_line (
        import_id uuid NOT NULL REFERENCES coverage_import (id) ON DELETE CASCADE,
        -- The data row's index in the file, as the match run numbers it.
        seq int NOT NULL,
        line int NOT NULL,
        source_ref text NOT NULL,
        role text CHECK (role IN ('INSURED', 'DEPENDANT', 'NP_CATEGORY_1', 'NP_CATEGORY_2', 'NP_CATEGORY_3')),
        start_date date,
        end_date date,
        -- PENDING until matched; APPLIED with its period; CONFLICT when it overlaps a period on record;
        -- INVALID when its coverage columns are wrong (error_field/error_reason say why).
        outcome text NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'APPLIED', 'CONFLICT', 'INVALID')),
        error_field text,
        error_reason text,
        resident_id uuid,
        coverage_period_id uuid REFERENCES coverage_period (id) ON DELETE SET NULL,
        PRIMARY KEY (import_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE coverage_import_line`);
    await db.query(`DROP TABLE coverage_import`);
  }
}
