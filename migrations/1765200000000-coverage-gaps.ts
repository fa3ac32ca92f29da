import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's published read view, for set-based queries of other domains (the coverage-gap
 * list and the renewal check join it with their own tables), and the indexes those lists walk.
 */
export class CoverageGaps1765200000000 implements MigrationInterface {
  name = 'CoverageGaps1765200000000';

  async up(db: QueryRunner): Promise<void> {
    // A plain view: PostgreSQL inlines it, so a query on it plans as one on the table. Card hashes,
    // households and versions stay out: no other domain needs them.
    await db.query(`
      CREATE VIEW resident_register AS
      SELECT id, municipality_code, resident_key, family_name, given_name, middle_name, kanji_name, common_name,
             common_name_kana, kana_name, birth_date, sex, nationality, registry_category, status_code,
             status_subtype, stay_expiry_date, postal_code, address, moved_in_on, moved_out_on, preferred_language
        FROM resident`);
    // Lists ordered by name walk these indexes and stop after a page; nationality and status are
    // the filters caseworkers use most, and a rare one would otherwise walk the whole register.
    await db.query(`CREATE INDEX resident_family_name ON resident (municipality_code, family_name, id)`);
    await db.query(`CREATE INDEX resident_nationality ON resident (municipality_code, nationality, family_name, id)`);
    await db.query(`CREATE INDEX resident_status ON resident (municipality_code, status_code, family_name, id)`);
    // "Coverage of this scheme on this day?" probed per resident: answered from the index alone.
    await db.query(
      `CREATE INDEX coverage_period_resident ON coverage_period (resident_id, scheme, start_date) INCLUDE (end_date)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX coverage_period_resident`);
    await db.query(`DROP INDEX resident_status`);
    await db.query(`DROP INDEX resident_nationality`);
    await db.query(`DROP INDEX resident_family_name`);
    await db.query(`DROP VIEW resident_register`);
  }
}
