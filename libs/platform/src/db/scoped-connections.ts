import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { APPLICATION_ROLE, RowScope } from './row-scope.js';

/**
 * What each pooled connection was last set to: the `kyosei.municipalities` value, or null for the
 * login's own role with no scope (a new connection's state). A checkout whose work needs the same
 * costs nothing; only a change of scope costs one round trip.
 */
const applied = new WeakMap<object, string | null>();

const RESTRICT = `SELECT set_config('role', '${APPLICATION_ROLE}', false), set_config('kyosei.municipalities', $1, false)`;
const UNRESTRICT = `SELECT set_config('role', 'none', false), set_config('kyosei.municipalities', '', false)`;

/**
 * Puts a connection just checked out into the current work's row scope (see RowScope). Call it
 * after the checkout's `await`, which resumes in the caller's async context; pg-pool's 'acquire'
 * event may run in the context of whichever request released the connection. The settings are
 * session-wide (not `SET LOCAL`) and made outside any transaction, so no rollback undoes them.
 */
export async function applyRowScope(client: pg.ClientBase): Promise<void> {
  const wanted = RowScope.currentSetting();
  if ((applied.get(client) ?? null) === wanted) return;
  // Forget the state first: if the statement fails, the next checkout sets it again.
  applied.delete(client);
  // Nothing listens on a connection just checked out; a connection lost now emits 'error', and
  // the rejected query below reports it (the caller then discards the connection).
  client.on('error', ignore);
  try {
    if (wanted === null) await client.query(UNRESTRICT);
    else await client.query(RESTRICT, [wanted]);
  } finally {
    client.removeListener('error', ignore);
  }
  applied.set(client, wanted);
}

const ignore = (): void => {};

/** Checks a connection out of a pg pool in the current row scope; release it as usual. */
export async function connectScoped(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  try {
    await applyRowScope(client);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return client;
}

type Obtain = () => Promise<[pg.PoolClient, (error?: unknown) => void]>;

/**
 * Every connection TypeORM hands out (queries, query runners, transactions: `QueryRunner.connect`
 * checks out before it sends BEGIN) is first put into the current row scope. TypeORM has no hook
 * for this; `PostgresDriver.obtainMasterConnection` is where all its checkouts go (replicas are
 * not used). Call before `initialize()`.
 */
export function scopeConnectionsOf(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as unknown as { obtainMasterConnection?: Obtain };
  const obtain = driver.obtainMasterConnection?.bind(driver);
  if (dataSource.options.type !== 'postgres' || !obtain) {
    throw new Error('row scopes need the PostgreSQL driver');
  }
  driver.obtainMasterConnection = async () => {
    const [client, release] = await obtain();
    try {
      await applyRowScope(client);
    } catch (error) {
      release(error);
      throw error;
    }
    return [client, release];
  };
  return dataSource;
}
