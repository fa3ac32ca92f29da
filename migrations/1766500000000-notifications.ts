import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications to residents ([K8]). */
export class Notifications1766500000000 implements MigrationInterface {
  name = 'Notifications1766500000000';

  async up(_db: QueryRunner): Promise<void> {}

  async down(_db: QueryRunner): Promise<void> {}
}
