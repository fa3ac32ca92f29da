import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statuses of residence are data with effective dates (docs: domain reference §1.2), so a
 * change of law is a new row, not a code change. Subtypes: HSP_1 A/B/C (イ/ロ/ハ);
 * TITP I (企業単独型) / RO (団体監理型).
 */
export const STATUSES: Array<
  [string, string, string, string, string, boolean, string[], string | null, string | null]
> = [
  // code, ja, en, act table, work rule, residence card issued, subtypes, effective from, effective to
  ['DIPLOMAT', '外交', 'Diplomat', '1-1', 'WITHIN_STATUS', false, [], null, null],
  ['OFFICIAL', '公用', 'Official', '1-1', 'WITHIN_STATUS', false, [], null, null],
  ['PROFESSOR', '教授', 'Professor', '1-1', 'RESTRICTED', true, [], null, null],
  ['ARTIST', '芸術', 'Artist', '1-1', 'RESTRICTED', true, [], null, null],
  ['RELIGIOUS', '宗教', 'Religious Activities', '1-1', 'RESTRICTED', true, [], null, null],
  ['JOURNALIST', '報道', 'Journalist', '1-1', 'RESTRICTED', true, [], null, null],
  ['HSP_1', '高度専門職1号', 'Highly Skilled Professional (i)', '1-2', 'RESTRICTED', true, ['A', 'B', 'C'], null, null],
  ['HSP_2', '高度専門職2号', 'Highly Skilled Professional (ii)', '1-2', 'RESTRICTED', true, [], null, null],
  ['BUSINESS_MANAGER', '経営・管理', 'Business Manager', '1-2', 'RESTRICTED', true, [], null, null],
  ['LEGAL_ACCOUNTING', '法律・会計業務', 'Legal/Accounting Services', '1-2', 'RESTRICTED', true, [], null, null],
  ['MEDICAL', '医療', 'Medical Services', '1-2', 'RESTRICTED', true, [], null, null],
  ['RESEARCHER', '研究', 'Researcher', '1-2', 'RESTRICTED', true, [], null, null],
  ['INSTRUCTOR', '教育', 'Instructor', '1-2', 'RESTRICTED', true, [], null, null],
  [
    'ENGINEER_HUMANITIES',
    '技術・人文知識・国際業務',
    'Engineer/Specialist in Humanities/International Services',
    '1-2',
    'RESTRICTED',
    true,
    [],
    null,
    null,
  ],
  ['INTRA_COMPANY', '企業内転勤', 'Intra-company Transferee', '1-2', 'RESTRICTED', true, [], null, null],
  ['NURSING_CARE', '介護', 'Nursing Care', '1-2', 'RESTRICTED', true, [], null, null],
  ['ENTERTAINER', '興行', 'Entertainer', '1-2', 'RESTRICTED', true, [], null, null],
  ['SKILLED_LABOR', '技能', 'Skilled Labor', '1-2', 'RESTRICTED', true, [], null, null],
  ['SSW_1', '特定技能1号', 'Specified Skilled Worker (i)', '1-2', 'RESTRICTED', true, [], null, null],
  ['SSW_2', '特定技能2号', 'Specified Skilled Worker (ii)', '1-2', 'RESTRICTED', true, [], null, null],
  [
    'TITP_1',
    '技能実習1号',
    'Technical Intern Training (i)',
    '1-2',
    'DESIGNATED_EMPLOYER',
    true,
    ['I', 'RO'],
    null,
    '2027-03-31',
  ],
  [
    'TITP_2',
    '技能実習2号',
    'Technical Intern Training (ii)',
    '1-2',
    'DESIGNATED_EMPLOYER',
    true,
    ['I', 'RO'],
    null,
    '2027-03-31',
  ],
  [
    'TITP_3',
    '技能実習3号',
    'Technical Intern Training (iii)',
    '1-2',
    'DESIGNATED_EMPLOYER',
    true,
    ['I', 'RO'],
    null,
    '2027-03-31',
  ],
  ['ESD', '育成就労', 'Employment for Skill Development', '1-2', 'RESTRICTED', true, [], '2027-04-01', null],
  ['CULTURAL', '文化活動', 'Cultural Activities', '1-3', 'NOT_PERMITTED', true, [], null, null],
  ['TEMPORARY_VISITOR', '短期滞在', 'Temporary Visitor', '1-3', 'NOT_PERMITTED', false, [], null, null],
  ['STUDENT', '留学', 'Student', '1-4', 'NOT_PERMITTED', true, [], null, null],
  ['TRAINEE', '研修', 'Trainee', '1-4', 'NOT_PERMITTED', true, [], null, null],
  ['DEPENDENT', '家族滞在', 'Dependent', '1-4', 'NOT_PERMITTED', true, [], null, null],
  ['DESIGNATED', '特定活動', 'Designated Activities', '1-5', 'DESIGNATION', true, [], null, null],
  ['PERMANENT', '永住者', 'Permanent Resident', '2', 'UNRESTRICTED', true, [], null, null],
  ['SPOUSE_JP', '日本人の配偶者等', 'Spouse or Child of Japanese National', '2', 'UNRESTRICTED', true, [], null, null],
  ['SPOUSE_PR', '永住者の配偶者等', 'Spouse or Child of Permanent Resident', '2', 'UNRESTRICTED', true, [], null, null],
  ['LONG_TERM', '定住者', 'Long-Term Resident', '2', 'UNRESTRICTED', true, [], null, null],
  [
    'SPECIAL_PERMANENT',
    '特別永住者',
    'Special Permanent Resident',
    'SPECIAL_ACT',
    'UNRESTRICTED',
    false,
    [],
    null,
    null,
  ],
];

export class ResidentRegistry1764500000000 implements MigrationInterface {
  name = 'ResidentRegistry1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE status_of_residence (
        code text PRIMARY KEY,
        name_ja text NOT NULL,
        name_en text NOT NULL,
        act_table text NOT NULL,
        work_rule text NOT NULL,
        residence_card boolean NOT NULL,
        subtypes text[] NOT NULL DEFAULT '{}',
        effective_from date,
        effective_to date
      )`);
    for (const [code, ja, en, table, work, card, subtypes, from, to] of STATUSES) {
      await db.query(`INSERT INTO status_of_residence VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        code,
        ja,
        en,
        table,
        work,
        card,
        subtypes,
        from,
        to,
      ]);
    }

    await db.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        household_key text,
        head_resident_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX household_key ON household (municipality_code, household_key) WHERE household_key IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE resident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(6) NOT NULL,
        resident_key text,
        family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
        given_name text,
        middle_name text,
        kanji_name text,
        common_name text,
        common_name_kana text,
        kana_name text,
        birth_date date NOT NULL,
        sex char(1) NOT NULL CHECK (sex IN ('M', 'F', 'X')),
        nationality char(2) NOT NULL CHECK (nationality ~ '^[A-Z]{2}$'),
        registry_category text NOT NULL CHECK (registry_category IN
          ('MID_LONG_TERM', 'SPECIAL_PERMANENT', 'TEMPORARY_PROTECTION', 'PROVISIONAL_STAY', 'NOT_REGISTERED')),
        status_code text REFERENCES status_of_residence (code),
        status_subtype text,
        stay_period text,
        stay_expiry_date date,
        card_number_hash bytea,
        card_number_last4 char(4),
        postal_code text,
        address text,
        moved_in_on date,
        moved_out_on date,
        preferred_language text,
        communication_level text CHECK (communication_level IN ('JA', 'EASY_JA', 'INTERPRETER_NEEDED')),
        household_id uuid REFERENCES household (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resident_registered_has_key CHECK (registry_category = 'NOT_REGISTERED' OR resident_key IS NOT NULL),
        CONSTRAINT resident_moved_out_after_in CHECK (moved_out_on IS NULL OR moved_in_on IS NULL OR moved_out_on >= moved_in_on)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX resident_key ON resident (municipality_code, resident_key) WHERE resident_key IS NOT NULL`,
    );
    await db.query(`CREATE INDEX resident_birth ON resident (municipality_code, birth_date)`);
    await db.query(`CREATE INDEX resident_expiry ON resident (municipality_code, stay_expiry_date)`);
    await db.query(`CREATE INDEX resident_card ON resident (card_number_hash) WHERE card_number_hash IS NOT NULL`);
    await db.query(`CREATE INDEX resident_household ON resident (household_id) WHERE household_id IS NOT NULL`);
    await db.query(
      `ALTER TABLE household ADD CONSTRAINT household_head FOREIGN KEY (head_resident_id) REFERENCES resident (id)`,
    );

    // Every name form, normalized (NFKC, no accents, lower case, kana unified) for search.
    await db.query(`
      CREATE TABLE resident_name (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        municipality_code char(6) NOT NULL,
        form text NOT NULL CHECK (form IN ('ALPHABET', 'KANJI', 'COMMON', 'COMMON_KANA', 'KANA')),
        value text NOT NULL,
        script text NOT NULL,
        normalized text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (resident_id, form)
      )`);
    await db.query(`CREATE INDEX resident_name_trgm ON resident_name USING gin (normalized gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE guardian_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        guardian_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        relationship text NOT NULL DEFAULT 'GUARDIAN',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (child_id, guardian_id),
        CHECK (child_id <> guardian_id)
      )`);
    await db.query(`CREATE INDEX guardian_link_guardian ON guardian_link (guardian_id)`);

    await db.query(`
      CREATE TABLE status_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
        registry_category text NOT NULL,
        status_code text,
        status_subtype text,
        stay_period text,
        stay_expiry_date date,
        source text NOT NULL CHECK (source IN ('API', 'IMPORT')),
        changed_by_user_id uuid,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX status_history_resident ON status_history (resident_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE status_history, guardian_link, resident_name`);
    await db.query(`ALTER TABLE household DROP CONSTRAINT household_head`);
    await db.query(`DROP TABLE resident, household, status_of_residence`);
  }
}
