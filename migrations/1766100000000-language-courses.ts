import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Japanese-language courses ([K6]). */
export class LanguageCourses1766100000000 implements MigrationInterface {
  name = 'LanguageCourses1766100000000';

  async up(_db: QueryRunner): Promise<void> {}

  async down(_db: QueryRunner): Promise<void> {}
}
