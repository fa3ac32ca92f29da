import { type DynamicModule, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions, type DatabaseOptions } from './data-source-options.js';
import { PreparedStatements } from './prepared-query.js';
import { registerRowScope } from './row-scope.js';
import { scopeConnectionsOf } from './scoped-connections.js';

/**
 * In the API, every request's queries run in a row scope (db/row-scope.ts) that the auth guard
 * fills in; the worker and the CLI have no HTTP server and do system work only.
 */
@Injectable()
class HttpRowScope implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    // Before Fastify is ready: its routes take their hooks when it gets ready.
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'fastify') registerRowScope(adapter.getInstance<FastifyInstance>());
  }
}

@Module({})
export class DatabaseModule {
  /** Entities come from each domain module's TypeOrmModule.forFeature (autoLoadEntities). */
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.values, options),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
          // Every checkout of the pool is put into the current row scope before it is used.
          dataSourceFactory: async (dataSourceOptions) => scopeConnectionsOf(new DataSource(dataSourceOptions!)),
        }),
      ],
      providers: [PreparedStatements, HttpRowScope],
      exports: [TypeOrmModule, PreparedStatements],
    };
  }
}
