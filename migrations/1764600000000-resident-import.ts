import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Runs of the Basic Resident Register import, with per-row errors and a resumable checkpoint. */
export class ResidentImport1764600000000 implements MigrationInterface {
  name = 'ResidentImport1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE import_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid REFERENCES organization (id),
        municipality_code char(6) NOT NULL,
        file_name text NOT NULL,
        file_path text NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        encoding text,
        unknown_columns text[] NOT NULL DEFAULT '{}',
        -- Data lines already committed: a restarted job skips them (the checkpoint).
        processed_rows int NOT NULL DEFAULT 0,
        inserted_rows int NOT NULL DEFAULT 0,
        updated_rows int NOT NULL DEFAULT 0,
        unchanged_rows int NOT NULL DEFAULT 0,
        failed_rows int NOT NULL DEFAULT 0,
        total_bytes bigint,
        read_bytes bigint NOT NULL DEFAULT 0,
        failure text,
        created_by_user_id uuid,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX import_run_municipality ON import_run (municipality_code, created_at DESC)`);
    await db.query(`
      CREATE TABLE import_error (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        import_id uuid NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
        line int NOT NULL,
        field text,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX import_error_run ON import_error (import_id, line)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE import_error, import_run`);
  }
}
