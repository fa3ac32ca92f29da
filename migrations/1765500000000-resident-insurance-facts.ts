import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts about a resident that the insurance rules read and the register does not hold: public
 * assistance, daytime studies, a social security certificate, and (until employment records
 * arrive with [K5]) the employment a caseworker was told about. One row per resident; the keys of
 * `facts` are the engine's fact names, checked by the API.
 */
export class ResidentInsuranceFacts1765500000000 implements MigrationInterface {
  name = 'ResidentInsuranceFacts1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE resident_insurance_facts (
        resident_id uuid PRIMARY KEY REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        facts jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(facts) = 'object'),
        updated_by_user_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX resident_insurance_facts_municipality ON resident_insurance_facts (municipality_code)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE resident_insurance_facts`);
  }
}
