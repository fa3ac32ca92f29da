import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search ranks the nearest name forms with a trigram GiST index (KNN on `<<->`), which
 * stays fast at a million residents; the GIN index it replaces was only usable for filters.
 */
export class ResidentNameKnn1764700000000 implements MigrationInterface {
  name = 'ResidentNameKnn1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX resident_name_trgm`);
    await db.query(`CREATE INDEX resident_name_knn ON resident_name USING gist (normalized gist_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX resident_name_knn`);
    await db.query(`CREATE INDEX resident_name_trgm ON resident_name USING gin (normalized gin_trgm_ops)`);
  }
}
