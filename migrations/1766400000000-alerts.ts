import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Alerts ([K8]). */
export class Alerts1766400000000 implements MigrationInterface {
  name = 'Alerts1766400000000';

  async up(_db: QueryRunner): Promise<void> {}

  async down(_db: QueryRunner): Promise<void> {}
}
