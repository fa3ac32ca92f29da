import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Japanese-language courses ([K6]): courses with their sessions, enrollment with a waitlist,
 * attendance per session, and proficiency assessments per framework (domain reference §6.1: JLPT
 * and the reference framework 日本語教育の参照枠 are kept as separate frameworks).
 */
export class LanguageCourses1766100000000 implements MigrationInterface {
  name = 'LanguageCourses1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE language_course (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        org_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
        provider_kind text NOT NULL CHECK (provider_kind IN ('MUNICIPALITY', 'INTERNATIONAL_ASSOCIATION', 'NPO',
                                                             'VOLUNTEER_GROUP', 'SCHOOL', 'EMPLOYER', 'OTHER')),
        venue text CHECK (length(venue) <= 300),
        online boolean NOT NULL DEFAULT false,
        -- Levels of the reference framework (日本語教育の参照枠, CEFR-based) the course is for.
        level_from text NOT NULL CHECK (level_from IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
        level_to text NOT NULL CHECK (level_to IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
        instruction_language text NOT NULL,
        schedule text CHECK (length(schedule) <= 300),
        capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        fee_yen int NOT NULL DEFAULT 0 CHECK (fee_yen >= 0),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        -- Completion: at least this share of the sessions held since the learner was enrolled.
        completion_attendance_percent int NOT NULL DEFAULT 80 CHECK (completion_attendance_percent BETWEEN 1 AND 100),
        closed_on date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on),
        CHECK (level_to >= level_from)
      )`);
    await db.query(
      `CREATE INDEX language_course_municipality ON language_course (municipality_code, starts_on DESC, id)`,
    );
    await db.query(`
      CREATE TABLE course_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES language_course (id) ON DELETE CASCADE,
        held_on date NOT NULL,
        starts_at time,
        topic text CHECK (length(topic) <= 300),
        cancelled boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE NULLS NOT DISTINCT (course_id, held_on, starts_at)
      )`);
    // The request order of enrollments: the waitlist is served in this order.
    await db.query(`CREATE SEQUENCE enrollment_request_seq`);
    await db.query(`
      CREATE TABLE enrollment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES language_course (id) ON DELETE CASCADE,
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('WAITLISTED', 'ENROLLED', 'COMPLETED', 'WITHDRAWN', 'DROPPED')),
        request_seq bigint NOT NULL DEFAULT nextval('enrollment_request_seq'),
        requested_at timestamptz NOT NULL DEFAULT now(),
        enrolled_on date,
        ended_on date,
        end_reason text CHECK (length(end_reason) <= 500),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (course_id, resident_id),
        CHECK ((status = 'WAITLISTED') = (enrolled_on IS NULL) OR status IN ('WITHDRAWN', 'DROPPED'))
      )`);
    await db.query(
      `CREATE INDEX enrollment_waitlist ON enrollment (course_id, request_seq) WHERE status = 'WAITLISTED'`,
    );
    await db.query(`CREATE INDEX enrollment_resident ON enrollment (resident_id)`);
    await db.query(`
      CREATE TABLE attendance (
        session_id uuid NOT NULL REFERENCES course_session (id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollment (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('PRESENT', 'ABSENT', 'EXCUSED')),
        recorded_by_user_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, enrollment_id)
      )`);
    await db.query(`CREATE INDEX attendance_enrollment ON attendance (enrollment_id)`);
    await db.query(`
      CREATE TABLE proficiency_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        framework text NOT NULL CHECK (framework IN ('JLPT', 'JF_STANDARD', 'JFT_BASIC', 'SCHOOL_DLA')),
        level text NOT NULL,
        assessed_on date NOT NULL,
        assessor text CHECK (length(assessor) <= 200),
        score int CHECK (score BETWEEN 0 AND 1000),
        recorded_by_org_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (framework = 'JLPT' AND level IN ('N1', 'N2', 'N3', 'N4', 'N5'))
          OR (framework = 'JF_STANDARD' AND level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2'))
          OR (framework = 'JFT_BASIC' AND level IN ('A2', 'BELOW_A2'))
          OR (framework = 'SCHOOL_DLA' AND level IN ('1', '2', '3', '4', '5', '6')))
      )`);
    await db.query(
      `CREATE INDEX proficiency_assessment_resident ON proficiency_assessment (resident_id, framework, assessed_on DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE proficiency_assessment, attendance, enrollment, course_session, language_course`);
    await db.query(`DROP SEQUENCE enrollment_request_seq`);
  }
}
