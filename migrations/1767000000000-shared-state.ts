import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `shared_state`: expiring counters and markers of the processes (login throttling, the worker's
 * heartbeat) when there is no Redis (embedded mode). Unlogged: it is worth nothing after a crash.
 */
export class SharedState1767000000000 implements MigrationInterface {
  name = 'SharedState1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE shared_state (
        key text PRIMARY KEY,
        value text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE shared_state`);
  }
}
