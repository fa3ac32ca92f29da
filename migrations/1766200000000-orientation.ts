import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Newcomer orientation ([K6]). */
export class Orientation1766200000000 implements MigrationInterface {
  name = 'Orientation1766200000000';

  async up(_db: QueryRunner): Promise<void> {}

  async down(_db: QueryRunner): Promise<void> {}
}
