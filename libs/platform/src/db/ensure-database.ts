import pg from 'pg';
import { APPLICATION_ROLE } from './row-scope.js';

/**
 * Creates the database named in the URL when it is missing (connecting to `postgres` to do so), and
 * the cluster's application role that requests run as (db/row-scope.ts) when it is missing: a
 * backup restored into a new cluster grants to it before any migration could create it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await ensureApplicationRole(client);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (error) {
      // Two processes starting at once: the other one won.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/**
 * The role, and the login's right to SET ROLE to it, when the login may give them; otherwise an
 * administrator does (the migration that needs them says how). Roles belong to the whole cluster,
 * so another process may be creating it at the same moment.
 */
async function ensureApplicationRole(client: pg.Client): Promise<void> {
  await client.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
        BEGIN
          CREATE ROLE ${APPLICATION_ROLE} NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL;
        END;
      END IF;
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}')
         AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         AND NOT pg_has_role(current_user, '${APPLICATION_ROLE}', 'MEMBER') THEN
        BEGIN
          EXECUTE format('GRANT ${APPLICATION_ROLE} TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN NULL;
        END;
      END IF;
    END $$`);
}
