import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** libs/schooling/src/schooling-codes.ts holds the same lists. */
const SCHOOL_KINDS = [
  'PUBLIC_ELEMENTARY',
  'PUBLIC_LOWER_SECONDARY',
  'COMPULSORY_EDUCATION',
  'PRIVATE',
  'FOREIGN_SCHOOL',
  'OTHER',
];
/** MEXT survey categories (domain reference §5.2) a board records; NOT_TRACKED is derived, never stored. */
const SCHOOLING_STATUSES = [
  'ENROLLED_COMPULSORY',
  'ENROLLED_FOREIGN_SCHOOL',
  'NOT_ENROLLED',
  'MOVED_OR_LEFT',
  'UNCONFIRMED',
];
const ABSENCE_REASONS = ['ILLNESS', 'ECONOMIC', 'FUTOKO', 'COVID_AVOIDANCE', 'OTHER'];
const GUIDE_RESPONSES = ['INTENDS_TO_ENROLL', 'FOREIGN_SCHOOL', 'LEAVING'];

/**
 * Children and schooling ([K9]): the city's schools, children's enrolments, a status per child and
 * school year with the MEXT categories (the register "equivalent to the school-age register"),
 * monthly absences, and the enrolment guide (就学案内): each dispatch, the guardians it went to for
 * which children, and the guardians' answers.
 */
export class Schooling1766700000000 implements MigrationInterface {
  name = 'Schooling1766700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        -- The board's own school code (or MEXT's school code), unique within the municipality.
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN (${list(SCHOOL_KINDS)})),
        address text CHECK (length(address) <= 300),
        closed_on date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_code, code)
      )`);
    await db.query(`
      CREATE TABLE school_enrollment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school (id),
        grade smallint CHECK (grade BETWEEN 1 AND 9),
        from_date date NOT NULL,
        -- Inclusive; NULL while the child attends.
        to_date date CHECK (to_date IS NULL OR to_date >= from_date),
        japanese_instruction_needed boolean NOT NULL DEFAULT false,
        note text CHECK (length(note) <= 2000),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- One school at a time.
        CONSTRAINT school_enrollment_no_overlap EXCLUDE USING gist (
          resident_id WITH =, daterange(from_date, to_date, '[]') WITH &&
        )
      )`);
    await db.query(`
      CREATE TABLE schooling_status (
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        school_year int NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
        municipality_code char(6) NOT NULL,
        status text NOT NULL CHECK (status IN (${list(SCHOOLING_STATUSES)})),
        -- Where the status came from: an enrolment recorded, the guardian's answer to the guide, a
        -- home visit, or a board officer's entry.
        source text NOT NULL CHECK (source IN ('ENROLLMENT', 'GUIDE_RESPONSE', 'HOME_VISIT', 'MANUAL')),
        confirmed_on date NOT NULL,
        note text CHECK (length(note) <= 2000),
        recorded_by_user_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resident_id, school_year)
      )`);
    await db.query(`CREATE INDEX schooling_status_year ON schooling_status (municipality_code, school_year, status)`);
    await db.query(`
      CREATE TABLE absence_month (
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        -- The first day of the month the days were counted in.
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        school_year int NOT NULL,
        days_absent smallint NOT NULL CHECK (days_absent BETWEEN 0 AND 31),
        reason text CHECK (reason IN (${list(ABSENCE_REASONS)})),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resident_id, month),
        CHECK (school_year = extract(year FROM month - interval '3 months'))
      )`);
    await db.query(`
      CREATE TABLE school_guide_dispatch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        school_year int NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
        requested_by_user_id uuid,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        children int NOT NULL DEFAULT 0,
        guardians int NOT NULL DEFAULT 0,
        queued int NOT NULL DEFAULT 0,
        without_guardian int NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX school_guide_dispatch_year ON school_guide_dispatch (municipality_code, school_year, created_at DESC)`,
    );
    // Who the guide went to, for which child: one guide per guardian and school year (the
    // notification's dedup key), naming all of their children concerned.
    await db.query(`
      CREATE TABLE school_guide_recipient (
        school_year int NOT NULL,
        child_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        guardian_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        dispatch_id uuid NOT NULL REFERENCES school_guide_dispatch (id),
        notification_id uuid,
        sent_on date NOT NULL,
        PRIMARY KEY (school_year, child_id, guardian_id)
      )`);
    await db.query(`CREATE INDEX school_guide_recipient_child ON school_guide_recipient (child_id, school_year)`);
    await db.query(`
      CREATE TABLE school_guide_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        school_year int NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
        response text NOT NULL CHECK (response IN (${list(GUIDE_RESPONSES)})),
        responded_on date NOT NULL,
        note text CHECK (length(note) <= 2000),
        recorded_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX school_guide_response_child ON school_guide_response (child_id, school_year)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE school_guide_response`);
    await db.query(`DROP TABLE school_guide_recipient`);
    await db.query(`DROP TABLE school_guide_dispatch`);
    await db.query(`DROP TABLE absence_month`);
    await db.query(`DROP TABLE schooling_status`);
    await db.query(`DROP TABLE school_enrollment`);
    await db.query(`DROP TABLE school`);
  }
}
