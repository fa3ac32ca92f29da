import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National Pension relief ([K4]): exemptions and deferrals are granted one year at a time on
 * application, so a resident has at most one record per relief year and kind.
 */
export class PensionRelief1765300000000 implements MigrationInterface {
  name = 'PensionRelief1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pension_relief (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        -- The relief year as the office states it, by the year it starts: exemptions and payment
        -- deferral run July to June, student deferral April to March, so 2024 means 2024-07..2025-06
        -- for the former and 2024-04..2025-03 for the latter. 1961: the NP contributions began.
        fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 1961 AND 2200),
        kind text NOT NULL CHECK (kind IN ('STUDENT_DEFERRAL', 'DEFERRAL', 'EXEMPTION_FULL',
          'EXEMPTION_3_4', 'EXEMPTION_HALF', 'EXEMPTION_1_4', 'LEGAL_EXEMPTION')),
        decided_on date,
        status text NOT NULL DEFAULT 'APPROVED' CHECK (status IN ('APPLIED', 'APPROVED', 'REJECTED')),
        evidence_ref text,
        recorded_by_user_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pension_relief_once_a_year UNIQUE (resident_id, fiscal_year, kind)
      )`);
    await db.query(`CREATE INDEX pension_relief_municipality ON pension_relief (municipality_code, fiscal_year)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pension_relief`);
  }
}
