import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity matching ([K3]): a match run links the rows of an external file (NHI roll, employment
 * insurance list, employer report: katakana names) to residents. Each input row keeps its result
 * and the evidence a reviewer needs; a reviewer's verdict is remembered per external record so the
 * same record is not asked about again.
 */
export class Matching1765000000000 implements MigrationInterface {
  name = 'Matching1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE match_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid REFERENCES organization (id),
        municipality_code char(6) NOT NULL,
        source text NOT NULL DEFAULT 'OTHER'
          CHECK (source IN ('CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT', 'PENSION_RECORD', 'OTHER')),
        file_name text NOT NULL,
        file_path text NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        encoding text,
        total_rows int,
        percent int NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        processed_rows int NOT NULL DEFAULT 0,
        matched_rows int NOT NULL DEFAULT 0,
        review_rows int NOT NULL DEFAULT 0,
        unmatched_rows int NOT NULL DEFAULT 0,
        error_rows int NOT NULL DEFAULT 0,
        failure text,
        created_by_user_id uuid,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX match_run_municipality ON match_run (municipality_code, created_at DESC)`);
    await db.query(`
      CREATE TABLE match_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES match_run (id) ON DELETE CASCADE,
        seq int NOT NULL,
        line int NOT NULL,
        source_ref text NOT NULL,
        kana_name text,
        birth_date text,
        sex text,
        alphabet_name text,
        nationality text,
        decision text NOT NULL CHECK (decision IN ('matched', 'review', 'unmatched')),
        score numeric(4, 3) NOT NULL CHECK (score BETWEEN 0 AND 1),
        resident_id uuid REFERENCES resident (id) ON DELETE SET NULL,
        resident_key text,
        -- The best candidates with their scores and the evidence (which name form, which reading).
        candidates jsonb NOT NULL DEFAULT '[]',
        -- Why the row could not be matched at all (no name, impossible date), as field + reason.
        error_field text,
        error_reason text,
        review_status text CHECK (review_status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
        reviewed_by_user_id uuid,
        reviewed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, seq)
      )`);
    await db.query(`CREATE INDEX match_result_pending ON match_result (run_id, seq) WHERE review_status = 'PENDING'`);
    await db.query(`CREATE INDEX match_result_resident ON match_result (resident_id) WHERE resident_id IS NOT NULL`);
    // A reviewer's verdict on one external record and one resident. The fingerprint (normalized
    // name + birth date + sex) keeps a verdict from applying to a record whose content changed.
    await db.query(`
      CREATE TABLE match_verdict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        source text NOT NULL,
        source_ref text NOT NULL,
        fingerprint text NOT NULL,
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        resident_key text,
        verdict text NOT NULL CHECK (verdict IN ('ACCEPTED', 'REJECTED')),
        decided_by_user_id uuid,
        run_id uuid REFERENCES match_run (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_code, source, source_ref, fingerprint, resident_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE match_verdict`);
    await db.query(`DROP TABLE match_result`);
    await db.query(`DROP TABLE match_run`);
  }
}
