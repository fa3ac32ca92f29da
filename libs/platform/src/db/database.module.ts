import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions, type DatabaseOptions } from './data-source-options.js';
import { PreparedStatements } from './prepared-query.js';

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
        }),
      ],
      providers: [PreparedStatements],
      exports: [TypeOrmModule, PreparedStatements],
    };
  }
}
