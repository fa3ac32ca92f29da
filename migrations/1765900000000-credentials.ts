import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foreign credentials ([K5], seed 003): qualifications and degrees obtained abroad, their level on
 * a qualifications-framework scale (ISCED 2011 levels 0–8, as NQFs map to it) and how far they
 * were verified, up to a foreign credential evaluation (FCE).
 */
export class Credentials1765900000000 implements MigrationInterface {
  name = 'Credentials1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE foreign_credential (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        issuing_country char(2) NOT NULL CHECK (issuing_country ~ '^[A-Z]{2}$'),
        issuer text,
        field text,
        isced_level int CHECK (isced_level BETWEEN 0 AND 8),
        awarded_on date,
        verification text NOT NULL CHECK (verification IN ('CLAIMED', 'DOCUMENT_SEEN', 'VERIFIED_ONLINE', 'EVALUATED')),
        evaluator text,
        -- Where the online record can be checked (a digital credential or a registry entry).
        online_record_ref text,
        recorded_by_user_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT foreign_credential_evaluated_by CHECK (verification <> 'EVALUATED' OR evaluator IS NOT NULL),
        CONSTRAINT foreign_credential_online CHECK (verification <> 'VERIFIED_ONLINE' OR online_record_ref IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX foreign_credential_resident ON foreign_credential (resident_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE foreign_credential`);
  }
}
