import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { QueueName } from './jobs.js';

export const REDIS = Symbol('REDIS');

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** BullMQ connection and queues, plus one shared ioredis client for small key-value needs. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: { url: config.get('REDIS_URL'), maxRetriesPerRequest: null },
            prefix: config.get('REDIS_PREFIX'),
          }),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [
        {
          provide: REDIS,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new Redis(config.get('REDIS_URL'), { maxRetriesPerRequest: 2 }),
        },
        RedisCloser,
      ],
      exports: [BullModule, REDIS],
    };
  }
}
