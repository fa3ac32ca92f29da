import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { QueueName } from './jobs.js';
import { prepareQueueBackend, queueConnection } from './queue-backend.js';
import { QueueErrorReporter } from './queue-errors.js';
import { PostgresSharedState, RedisSharedState, SharedState } from './shared-state.js';

class SharedStateCloser implements OnApplicationShutdown {
  constructor(@Inject(SharedState) private readonly state: SharedState) {}
  async onApplicationShutdown(): Promise<void> {
    await this.state.close();
  }
}

/**
 * BullMQ's connection and queues (Redis, or BullMQ's PostgreSQL backend in embedded mode),
 * plus the small shared state of the processes (counters, heartbeat, broadcasts) on the same.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const connection = queueConnection(config.values);
            await prepareQueueBackend(config.values);
            return { connection, prefix: config.get('REDIS_PREFIX') };
          },
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        DiscoveryModule,
      ],
      providers: [
        {
          provide: SharedState,
          inject: [AppConfig, DataSource],
          useFactory: (config: AppConfig, dataSource: DataSource): SharedState =>
            config.get('QUEUE_BACKEND') === 'postgres'
              ? new PostgresSharedState(dataSource, config.get('DATABASE_URL'))
              : new RedisSharedState(new Redis(config.get('REDIS_URL'), { maxRetriesPerRequest: 2 })),
        },
        SharedStateCloser,
        QueueErrorReporter,
      ],
      exports: [BullModule, SharedState],
    };
  }
}
