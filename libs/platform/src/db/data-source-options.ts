import pg from 'pg';
import type { DataSourceOptions, MixedList } from 'typeorm';
import type { AppConfigValues } from '../config/config.schema.js';
import { SafeTypeOrmLogger, SLOW_QUERY_THRESHOLD_MS } from './typeorm-logger.js';

// Dates of law (PostgreSQL `date`) stay 'YYYY-MM-DD' strings in raw queries too: a JS Date
// would put them at local midnight and shift them across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DatabaseOptions {
  migrations: MixedList<Function>;
  /** Only the API runs pending migrations at start; the worker expects them done. */
  migrationsRun: boolean;
  poolSize?: number;
  applicationName: string;
}

export function dataSourceOptions(
  config: Pick<AppConfigValues, 'DATABASE_URL'>,
  options: DatabaseOptions,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    synchronize: false,
    migrations: options.migrations,
    migrationsRun: options.migrationsRun,
    migrationsTransactionMode: 'each',
    migrationsTableName: 'schema_migration',
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      // Dates of law stay 'YYYY-MM-DD' strings; no time-zone shifts through JS Date.
      connectionTimeoutMillis: 5_000,
    },
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: SLOW_QUERY_THRESHOLD_MS,
  };
}
