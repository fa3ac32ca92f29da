import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search at a million residents, and imports that load a whole register extract set-based.
 *
 * - `resident_name.tokens`: the words of each normalized name form plus the form written without
 *   spaces (`nguyen van an` → {nguyen, van, an, nguyenvanan}), generated so it can never drift from
 *   `normalized`, with a GIN index: a search is an index lookup of whole words in any order.
 * - `name_token`: every word that occurs in any name, kept by a statement trigger. A query word that is
 *   not in it is a typo or a prefix; it is expanded to the nearest real words (trigram KNN, prefix
 *   range) over this small table instead of over every name row.
 * - `resident_name` is keyed by (resident_id, form): one row per form, no random uuid to index.
 * - `import_run.columns` and `staged_rows`: an import first copies the file into an unlogged staging
 *   table; once staged (and committed with the row count) a killed run merges without re-reading it.
 */
export class NameTokensAndStagedImport1764800000000 implements MigrationInterface {
  name = 'NameTokensAndStagedImport1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION kyosei_name_tokens(normalized text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN CASE WHEN normalized = '' THEN '{}'::text[]
                    WHEN position(' ' IN normalized) = 0 THEN ARRAY[normalized]
                    ELSE string_to_array(normalized, ' ') || replace(normalized, ' ', '') END`);

    await db.query(`DROP INDEX resident_name_knn`);
    await db.query(`ALTER TABLE resident_name DROP CONSTRAINT resident_name_pkey`);
    await db.query(`ALTER TABLE resident_name DROP COLUMN id`);
    await db.query(`ALTER TABLE resident_name DROP CONSTRAINT resident_name_resident_id_form_key`);
    await db.query(`ALTER TABLE resident_name ADD PRIMARY KEY (resident_id, form)`);
    await db.query(
      `ALTER TABLE resident_name ADD COLUMN tokens text[] GENERATED ALWAYS AS (kyosei_name_tokens(normalized)) STORED`,
    );
    await db.query(`CREATE INDEX resident_name_tokens ON resident_name USING gin (tokens)`);

    // "C" collation: prefix ranges (token >= 'ngu' AND token < 'ngv') use the primary key.
    await db.query(`CREATE TABLE name_token (token text COLLATE "C" PRIMARY KEY)`);
    await db.query(`CREATE INDEX name_token_trgm ON name_token USING gist (token gist_trgm_ops)`);
    await db.query(`
      CREATE FUNCTION name_token_collect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO name_token (token)
        SELECT DISTINCT token FROM new_names, unnest(new_names.tokens) AS token
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER resident_name_tokens_insert AFTER INSERT ON resident_name
        REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION name_token_collect()`);
    await db.query(`
      CREATE TRIGGER resident_name_tokens_update AFTER UPDATE ON resident_name
        REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION name_token_collect()`);
    await db.query(`INSERT INTO name_token SELECT DISTINCT unnest(tokens) FROM resident_name ON CONFLICT DO NOTHING`);

    await db.query(`ALTER TABLE import_run ADD COLUMN columns text[], ADD COLUMN staged_rows int`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE import_run DROP COLUMN columns, DROP COLUMN staged_rows`);
    await db.query(`DROP TRIGGER resident_name_tokens_insert ON resident_name`);
    await db.query(`DROP TRIGGER resident_name_tokens_update ON resident_name`);
    await db.query(`DROP FUNCTION name_token_collect()`);
    await db.query(`DROP TABLE name_token`);
    await db.query(`DROP INDEX resident_name_tokens`);
    await db.query(`ALTER TABLE resident_name DROP COLUMN tokens`);
    await db.query(`ALTER TABLE resident_name DROP CONSTRAINT resident_name_pkey`);
    await db.query(`ALTER TABLE resident_name ADD UNIQUE (resident_id, form)`);
    await db.query(`ALTER TABLE resident_name ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid()`);
    await db.query(`CREATE INDEX resident_name_knn ON resident_name USING gist (normalized gist_trgm_ops)`);
    await db.query(`DROP FUNCTION kyosei_name_tokens(text)`);
  }
}
