import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * International students' job hunting ([K5], seeds 000–002): the job-hunting record kept by the
 * PESO, and the part-time hours checked against the 28-hour limit.
 */
export class Students1765800000000 implements MigrationInterface {
  name = 'Students1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE student_job_hunt (
        resident_id uuid PRIMARY KEY REFERENCES resident (id) ON DELETE CASCADE,
        school_name text,
        graduation_date date,
        status text NOT NULL CHECK (status IN ('NOT_STARTED', 'SEARCHING', 'OFFER_RECEIVED', 'CHANGE_APPLIED',
                                               'STATUS_CHANGED', 'LEFT_JAPAN')),
        -- Whether the job needs a change of status, and to which (e.g. ENGINEER_HUMANITIES).
        change_needed boolean,
        target_status_code text,
        -- The end of the Designated Activities period for job hunting after graduation.
        job_hunting_until date,
        -- The school's long vacations, when up to 8 hours a day are allowed: [{"from", "to"}].
        long_vacations jsonb NOT NULL DEFAULT '[]',
        updated_by_user_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE part_time_work_day (
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        work_date date NOT NULL,
        employer_name text NOT NULL DEFAULT '',
        hours numeric(4, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        recorded_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resident_id, work_date, employer_name)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE part_time_work_day`);
    await db.query(`DROP TABLE student_job_hunt`);
  }
}
