import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a query as a named prepared statement, so PostgreSQL plans it once per connection instead of
 * on every call. For hot, complex queries whose SQL text comes from a small set of shapes (the name
 * search: planning took ~2 ms of its ~3.5 ms). The name is derived from the text, so each shape is
 * prepared once per pooled connection.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const name = `k${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
