import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PESO counseling sessions and referrals to jobs and to training courses ([K5]). */
export class Counseling1765700000000 implements MigrationInterface {
  name = 'Counseling1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE counseling_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        counselor_user_id uuid,
        held_on date NOT NULL,
        topics text[] NOT NULL CHECK (cardinality(topics) > 0),
        -- Languages the session was held in (ISO 639-1; 'ja-easy' for やさしい日本語).
        languages text[] NOT NULL DEFAULT '{}',
        interpreter boolean NOT NULL DEFAULT false,
        outcome text CHECK (length(outcome) <= 4000),
        next_step_on date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX counseling_session_resident ON counseling_session (resident_id, held_on DESC)`);
    await db.query(`
      CREATE TABLE referral_to_work (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        counselor_user_id uuid,
        kind text NOT NULL CHECK (kind IN ('JOB', 'TRAINING')),
        referred_on date NOT NULL,
        -- A job: the vacancy (求人番号) and employer; a training: the course and its language support.
        vacancy_ref text,
        employer_name text,
        course_name text,
        language_support text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('REFERRED', 'INTERVIEW', 'HIRED', 'NOT_HIRED', 'ENROLLED',
                                               'COMPLETED', 'NOT_ENROLLED')),
        note text CHECK (length(note) <= 4000),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_to_work_what CHECK (
          (kind = 'JOB' AND (vacancy_ref IS NOT NULL OR employer_name IS NOT NULL)
             AND status IN ('REFERRED', 'INTERVIEW', 'HIRED', 'NOT_HIRED'))
          OR (kind = 'TRAINING' AND course_name IS NOT NULL
             AND status IN ('REFERRED', 'ENROLLED', 'COMPLETED', 'NOT_ENROLLED')))
      )`);
    await db.query(`CREATE INDEX referral_to_work_resident ON referral_to_work (resident_id, referred_on DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE referral_to_work`);
    await db.query(`DROP TABLE counseling_session`);
  }
}
