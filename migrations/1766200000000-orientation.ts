import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orientation topics (domain reference §7.1); libs/orientation/src/orientation-topics.ts holds the same list. */
export const ORIENTATION_TOPIC_CODES = [
  'RESIDENCE_PROCEDURES',
  'MUNICIPAL_PROCEDURES',
  'RIGHTS_DUTIES_LAW',
  'WORK_RULES',
  'HEALTH_INSURANCE',
  'PENSION_WELFARE',
  'TAX',
  'CHILDBIRTH_CHILDCARE',
  'SCHOOL_ENROLLMENT',
  'MEDICAL_ACCESS',
  'TRAFFIC_TRANSPORT',
  'EMERGENCY_DISASTER',
  'HOUSING',
  'GARBAGE_MANNERS',
  'BANKING_SHOPPING',
  'JAPANESE_LEARNING',
];

/** ISO 639-1 codes, or 'ja-easy' for やさしい日本語, every element of a text[]. */
const languagesCheck = (column: string) => `array_to_string(${column}, ',') ~ '^(([a-z]{2}|ja-easy)(,|$))*$'`;

/**
 * Newcomer orientation ([K6]): sessions a city holds (date, venue or online, languages, topics) and
 * who registered for and attended them. The newcomer invitation list reads the register through its
 * published view `resident_register`, which gains `communication_level` here (the language an
 * invitation is written in).
 */
export class Orientation1766200000000 implements MigrationInterface {
  name = 'Orientation1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orientation_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        org_id uuid NOT NULL,
        held_on date NOT NULL,
        starts_at time,
        venue text CHECK (length(venue) BETWEEN 1 AND 300),
        online boolean NOT NULL DEFAULT false,
        -- Languages offered (ISO 639-1; 'ja-easy' for やさしい日本語).
        languages text[] NOT NULL CHECK (cardinality(languages) > 0 AND ${languagesCheck('languages')}),
        interpreter boolean NOT NULL DEFAULT false,
        topics text[] NOT NULL CHECK (cardinality(topics) > 0 AND topics <@ '{${ORIENTATION_TOPIC_CODES.join(',')}}'::text[]),
        capacity int CHECK (capacity > 0),
        note text CHECK (length(note) <= 4000),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orientation_session_where CHECK (online OR venue IS NOT NULL)
      )`);
    // The list of a municipality's sessions by date (from/to, keyset paging).
    await db.query(`CREATE INDEX orientation_session_municipality ON orientation_session (municipality_code, held_on)`);
    await db.query(`
      CREATE TABLE orientation_attendance (
        session_id uuid NOT NULL REFERENCES orientation_session (id) ON DELETE CASCADE,
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('REGISTERED', 'ATTENDED', 'NO_SHOW')),
        language text CHECK (language ~ '^([a-z]{2}|ja-easy)$'),
        recorded_by_user_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, resident_id)
      )`);
    // A resident's orientation record, and "has this resident attended?" as one probe of this index
    // (the newcomer list asks it of every newcomer: an anti-join on (resident_id, 'ATTENDED')).
    await db.query(`CREATE INDEX orientation_attendance_resident ON orientation_attendance (resident_id, status)`);

    // The newcomer list walks a municipality's residents in move-in order and stops after a page.
    // None exists today (migrations 1764500000000, 1765200000000); checked so that one added
    // meanwhile by another domain is not doubled.
    const [existing] = await db.query(
      `SELECT 1 FROM pg_indexes WHERE tablename = 'resident' AND indexdef LIKE '%(municipality_code, moved_in_on%'`,
    );
    if (!existing) {
      await db.query(`CREATE INDEX resident_moved_in ON resident (municipality_code, moved_in_on, id)`);
    }
    // The register's columns the newcomer list needs: those of resident_register it uses, and the
    // communication level, which resident_register does not publish. Read by libs/orientation only.
    await db.query(`
      CREATE OR REPLACE VIEW resident_register AS
      SELECT id, municipality_code, resident_key, family_name, given_name, middle_name, kanji_name, common_name,
             common_name_kana, kana_name, birth_date, sex, nationality, registry_category, status_code,
             status_subtype, stay_expiry_date, postal_code, address, moved_in_on, moved_out_on, preferred_language,
             communication_level
        FROM resident`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE VIEW resident_register AS
      SELECT id, municipality_code, resident_key, family_name, given_name, middle_name, kanji_name, common_name,
             common_name_kana, kana_name, birth_date, sex, nationality, registry_category, status_code,
             status_subtype, stay_expiry_date, postal_code, address, moved_in_on, moved_out_on, preferred_language
        FROM resident`);
    await db.query(`DROP INDEX IF EXISTS resident_moved_in`);
    await db.query(`DROP TABLE orientation_attendance`);
    await db.query(`DROP TABLE orientation_session`);
  }
}
