import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PESO employment services ([K5]): employers, employment records, and the employers' reports of
 * hiring and separating foreign workers (外国人雇用状況の届出), loaded through a match run with
 * their legal deadline and lateness.
 */
export class Employment1765600000000 implements MigrationInterface {
  name = 'Employment1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE employer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- 法人番号: 13 digits; absent for a sole proprietor.
        corporate_number char(13) CHECK (corporate_number ~ '^[0-9]{13}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        establishment_name text,
        -- 雇用保険適用事業所番号, when the establishment has one.
        establishment_number text,
        is_corporation boolean NOT NULL,
        insured_headcount int CHECK (insured_headcount >= 0),
        industry text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per establishment of a corporation; a sole proprietor is known by name.
    await db.query(`CREATE UNIQUE INDEX employer_establishment ON employer
                      (coalesce(corporate_number, ''), name, coalesce(establishment_name, ''))`);
    await db.query(`
      CREATE TABLE employer_report_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid,
        municipality_code char(6) NOT NULL,
        match_run_id uuid NOT NULL UNIQUE,
        file_name text NOT NULL,
        received_on date NOT NULL,
        created_by_user_id uuid,
        total_lines int NOT NULL DEFAULT 0,
        applied_lines int NOT NULL DEFAULT 0,
        rejected_lines int NOT NULL DEFAULT 0,
        invalid_lines int NOT NULL DEFAULT 0,
        late_lines int NOT NULL DEFAULT 0,
        last_applied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE employer_report (
        import_id uuid NOT NULL REFERENCES employer_report_import (id) ON DELETE CASCADE,
        seq int NOT NULL,
        line int NOT NULL,
        source_ref text NOT NULL,
        report_type text CHECK (report_type IN ('HIRE', 'SEPARATION')),
        event_date date,
        received_on date,
        ei_insured boolean,
        deadline date,
        days_late int CHECK (days_late >= 0),
        status_code text,
        employer jsonb,
        weekly_contract_hours numeric(5, 2),
        monthly_scheduled_wage int,
        occupation text,
        dispatch boolean,
        contract_end date,
        -- PENDING until matched; APPLIED with its employment record; REJECTED when the law excludes
        -- the person or no employment matches a separation; INVALID when its columns are wrong.
        outcome text NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'APPLIED', 'REJECTED', 'INVALID')),
        error_field text,
        error_reason text,
        resident_id uuid,
        employment_record_id uuid,
        PRIMARY KEY (import_id, seq)
      )`);
    await db.query(`CREATE INDEX employer_report_late ON employer_report (import_id) WHERE days_late > 0`);
    await db.query(`
      CREATE TABLE employment_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        employer_id uuid NOT NULL REFERENCES employer (id),
        hired_on date NOT NULL,
        separated_on date CHECK (separated_on IS NULL OR separated_on >= hired_on),
        weekly_contract_hours numeric(5, 2) CHECK (weekly_contract_hours BETWEEN 0 AND 168),
        monthly_scheduled_wage int CHECK (monthly_scheduled_wage >= 0),
        occupation text,
        ei_insured boolean,
        dispatch boolean NOT NULL DEFAULT false,
        -- The end of a fixed-term contract; NULL: no fixed term was reported.
        contract_end date CHECK (contract_end IS NULL OR contract_end >= hired_on),
        source text NOT NULL CHECK (source IN ('EMPLOYER_REPORT', 'MANUAL')),
        source_import_id uuid,
        source_seq int,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source_import_id, source_seq)
      )`);
    await db.query(`CREATE INDEX employment_record_resident ON employment_record (resident_id, hired_on DESC)`);
    await db.query(`CREATE INDEX employment_record_municipality ON employment_record (municipality_code)`);
    // The employment domain's published view (see architecture.md): who is employed when, for
    // set-based queries of other domains (the coverage-gap list).
    await db.query(`
      CREATE VIEW employment_on_record AS
      SELECT resident_id, municipality_code, hired_on, separated_on FROM employment_record`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW employment_on_record`);
    await db.query(`DROP TABLE employment_record`);
    await db.query(`DROP TABLE employer_report`);
    await db.query(`DROP TABLE employer_report_import`);
    await db.query(`DROP TABLE employer`);
  }
}
