import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { connectScoped } from './scoped-connections.js';

/**
 * Hot, complex read statements (the name search) run as named prepared statements with a generic
 * plan: planned once per connection, not on every call. Left to itself PostgreSQL re-plans a
 * prepared statement whenever its estimate for the given values looks cheaper than the generic
 * plan, which for the search meant ~0.8 ms of planning in every ~2.5 ms call. The setting lives on
 * a small pool of its own, so that no other query's plan changes.
 */
@Injectable()
export class PreparedStatements implements OnApplicationShutdown {
  private readonly logger = new Logger(PreparedStatements.name);
  private pool?: pg.Pool;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query<T = Record<string, unknown>>(text: string, values: unknown[]): Promise<T[]> {
    // The name is derived from the text, so each shape of statement is prepared once per connection.
    const name = `k${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    return runNamed<T>(this.connections(), name, text, values);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
    this.pool = undefined;
  }

  private connections(): pg.Pool {
    if (!this.pool) {
      const options = this.dataSource.options as { url?: string; applicationName?: string };
      this.pool = new pg.Pool({
        connectionString: options.url,
        application_name: `${options.applicationName ?? 'kyosei'}-prepared`,
        max: 8,
        connectionTimeoutMillis: 5_000,
        options: '-c plan_cache_mode=force_generic_plan',
      });
      // An idle connection that PostgreSQL closes (a restart, a dropped database while the pool is
      // ending) is dropped from the pool and the next query opens another; without a listener the
      // pool's 'error' event would crash the process.
      this.pool.on('error', (error) =>
        this.logger.warn({ error: error.message }, 'prepared-statement connection lost'),
      );
    }
    return this.pool;
  }
}

/**
 * Runs a query as a named prepared statement on the main pool: parsed once per connection; planned
 * again when PostgreSQL's estimate for the values given says a custom plan is cheaper (the coverage
 * gap list, whose best plan depends on the dates and filters).
 */
export async function preparedQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const name = `k${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  return runNamed<T>(pool, name, text, values);
}

/**
 * `pool.query` with the checkout in the current row scope (db/row-scope.ts), and like it: a
 * connection that raised an error is not reused.
 */
async function runNamed<T>(pool: pg.Pool, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = await connectScoped(pool);
  // A connection lost while checked out emits 'error'; the query's rejection reports it.
  const onError = (): void => {};
  client.on('error', onError);
  try {
    const result = await client.query({ name, text, values });
    client.removeListener('error', onError);
    client.release();
    return result.rows as T[];
  } catch (error) {
    client.removeListener('error', onError);
    client.release(error as Error);
    throw error;
  }
}
