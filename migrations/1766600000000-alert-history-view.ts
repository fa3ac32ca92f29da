import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `alert_history`: the alerts' published columns, for other domains' set reads (a case's timeline
 * shows the alerts raised about the case) without depending on the alerts library.
 */
export class AlertHistoryView1766600000000 implements MigrationInterface {
  name = 'AlertHistoryView1766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW alert_history AS
      SELECT a.id, a.rule_code, a.subject_key, a.resident_id, a.status, a.reason_ja, a.reason_en, a.opened_at,
             a.closed_at, a.closed_by_user_id IS NULL AND a.status = 'RESOLVED' AS resolved_by_system
        FROM alert a`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW alert_history`);
  }
}
