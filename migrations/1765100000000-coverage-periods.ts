import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Social insurance coverage ([K4]): who is in which scheme from when to when, and on what
 * evidence. Periods of one scheme for one resident never overlap — the database refuses it
 * (an exclusion constraint), whatever path the write comes by.
 */
export class CoveragePeriods1765100000000 implements MigrationInterface {
  name = 'CoveragePeriods1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      CREATE TABLE coverage_period (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        scheme text NOT NULL CHECK (scheme IN ('NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY')),
        role text NOT NULL CHECK (role IN ('INSURED', 'DEPENDANT', 'NP_CATEGORY_1', 'NP_CATEGORY_2', 'NP_CATEGORY_3')),
        start_date date NOT NULL,
        -- Inclusive; NULL while the coverage lasts.
        end_date date CHECK (end_date IS NULL OR end_date >= start_date),
        source text NOT NULL CHECK (source IN ('CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT', 'MANUAL', 'MATCH_RUN')),
        evidence_ref text,
        verified_by_user_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT coverage_period_no_overlap EXCLUDE USING gist (
          resident_id WITH =, scheme WITH =, daterange(start_date, end_date, '[]') WITH &&
        )
      )`);
    await db.query(`CREATE INDEX coverage_period_municipality ON coverage_period (municipality_code, scheme)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE coverage_period`);
  }
}
