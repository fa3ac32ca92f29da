import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows a(word, i), b(word, j) for each two different words of the array `words` (WHERE included). */
const WORD_PAIRS = (words: string) =>
  `unnest(${words}) WITH ORDINALITY a(word, i) CROSS JOIN LATERAL unnest(${words}) WITH ORDINALITY b(word, j)
    WHERE a.i < b.j AND a.word <> b.word`;
/** The pair "a b" of two words, the smaller first in byte order. */
const PAIR = `CASE WHEN a.word COLLATE "C" < b.word COLLATE "C" THEN a.word || ' ' || b.word
                   ELSE b.word || ' ' || a.word END`;
/** The entries (pair, municipality, words, resident) of the name rows of `names`. */
const PAIRS_OF = (names: string) => `
  SELECT DISTINCT ${PAIR} AS pair, n.municipality_code, cardinality(n.words)::smallint AS words, n.resident_id
    FROM (SELECT resident_id, municipality_code, string_to_array(normalized, ' ') AS words FROM ${names} x) n
   CROSS JOIN LATERAL ${WORD_PAIRS('n.words')}`;

/**
 * Name search by two or more words reads a few entries of a btree instead of intersecting the
 * posting lists of common words ([K2]). In a million-resident city "zhang" and "jing" each occur
 * in ~20,000 name forms and the pair in ~4,000; the GIN index on `tokens` had to collect and sort
 * all of them (most of PostgreSQL's time per search) to return one page.
 *
 * `resident_name_pair` holds every unordered pair of words of every name form, written "a b" with
 * a < b in byte order, with the number of words of the form (shorter names rank first) and the
 * resident. Ordered by (pair, municipality, words, resident), a page of a search is the first
 * entries after the cursor. Statement triggers on `resident_name` keep it in step with the names,
 * whoever writes them (API, import, deletes cascading from `resident`).
 */
export class NameWordPairs1766000000000 implements MigrationInterface {
  name = 'NameWordPairs1766000000000';

  async up(db: QueryRunner): Promise<void> {
    // Byte order ("C") so that pairs never depend on the database's collation; searches order
    // their pair the same way (wordPair in libs/residents).
    await db.query(`
      CREATE TABLE resident_name_pair (
        pair text COLLATE "C" NOT NULL,
        municipality_code char(6) NOT NULL,
        words smallint NOT NULL,
        resident_id uuid NOT NULL,
        PRIMARY KEY (pair, municipality_code, words, resident_id)
      )`);
    await db.query(`
      CREATE FUNCTION resident_name_pair_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Entries of rows that went away or changed; those still held by another form of the same
        -- resident are put back just below.
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          DELETE FROM resident_name_pair p
           USING (${PAIRS_OF('old_names')}) gone
           WHERE p.pair = gone.pair AND p.municipality_code = gone.municipality_code
             AND p.words = gone.words AND p.resident_id = gone.resident_id;
          INSERT INTO resident_name_pair (pair, municipality_code, words, resident_id)
          ${PAIRS_OF('(SELECT * FROM resident_name WHERE resident_id IN (SELECT resident_id FROM old_names))')}
          ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO resident_name_pair (pair, municipality_code, words, resident_id)
          ${PAIRS_OF('new_names')}
          ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER resident_name_pairs_insert AFTER INSERT ON resident_name
        REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION resident_name_pair_sync()`);
    await db.query(`
      CREATE TRIGGER resident_name_pairs_update AFTER UPDATE ON resident_name
        REFERENCING OLD TABLE AS old_names NEW TABLE AS new_names
        FOR EACH STATEMENT EXECUTE FUNCTION resident_name_pair_sync()`);
    await db.query(`
      CREATE TRIGGER resident_name_pairs_delete AFTER DELETE ON resident_name
        REFERENCING OLD TABLE AS old_names FOR EACH STATEMENT EXECUTE FUNCTION resident_name_pair_sync()`);
    await db.query(`INSERT INTO resident_name_pair ${PAIRS_OF('resident_name')} ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER resident_name_pairs_insert ON resident_name`);
    await db.query(`DROP TRIGGER resident_name_pairs_update ON resident_name`);
    await db.query(`DROP TRIGGER resident_name_pairs_delete ON resident_name`);
    await db.query(`DROP FUNCTION resident_name_pair_sync()`);
    await db.query(`DROP TABLE resident_name_pair`);
  }
}
