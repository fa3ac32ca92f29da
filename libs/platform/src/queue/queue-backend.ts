import { createPostgresBackend, runMigrations, setDefaultBackendFactory, type ConnectionOptions } from 'bullmq';
import pg from 'pg';
import type { AppConfigValues } from '../config/config.schema.js';

/** The schema BullMQ's PostgreSQL backend keeps its tables and functions in. */
export const QUEUE_SCHEMA = 'bullmq';

type QueueConfig = Pick<AppConfigValues, 'QUEUE_BACKEND' | 'REDIS_URL' | 'DATABASE_URL'>;

// One pool per database per process for every queue, worker and event listener on the
// PostgreSQL backend: each worker keeps one connection for LISTEN, so the pool must be larger
// than the number of queues. Created lazily, only in that mode; never ended by one application
// (tests run several in one process): idle connections close by themselves and let the process exit.
const queuePools = new Map<string, pg.Pool>();

function pool(databaseUrl: string): pg.Pool {
  const existing = queuePools.get(databaseUrl);
  if (existing) return existing;
  const created = new pg.Pool({
    connectionString: databaseUrl,
    max: 40,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: 'kyosei-queues',
    // The backend's SQL names its tables unqualified.
    options: `-c search_path=${QUEUE_SCHEMA}`,
  });
  created.on('error', () => undefined); // an idle connection dropped; the next query reconnects
  created.setMaxListeners(0); // every queue and worker of the process listens for its errors
  queuePools.set(databaseUrl, created);
  return created;
}

/**
 * Ends this process's queue pool for a database that is about to go away (tests drop theirs).
 * Queues closed earlier still listen on the shared pool (BullMQ never detaches them), so the
 * connections the drop terminates would reach queues with no error listener left.
 */
export async function endQueuePool(databaseUrl: string): Promise<void> {
  const existing = queuePools.get(databaseUrl);
  if (!existing) return;
  queuePools.delete(databaseUrl);
  // A client still checked out (a worker not closed) would hold end() open: never wait for long.
  await Promise.race([
    existing.end().catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
  ]);
}

/**
 * Points every BullMQ Queue, Worker and QueueEvents of this process at the configured backend
 * and returns the `connection` option to give them. Call before any queue is constructed.
 */
export function queueConnection(config: QueueConfig): ConnectionOptions {
  if (config.QUEUE_BACKEND === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend);
    return pool(config.DATABASE_URL) as unknown as ConnectionOptions;
  }
  setDefaultBackendFactory(undefined);
  return { url: config.REDIS_URL, maxRetriesPerRequest: null };
}

/** Creates or upgrades the queue tables (PostgreSQL backend only; one transaction, locked). */
export async function prepareQueueBackend(config: QueueConfig): Promise<void> {
  if (config.QUEUE_BACKEND !== 'postgres') return;
  const client = await pool(config.DATABASE_URL).connect();
  try {
    await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    client.release();
  }
}
