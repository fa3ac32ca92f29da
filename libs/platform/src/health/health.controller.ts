import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { Public } from '../access/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { heartbeatKey } from '../queue/jobs.js';
import { REDIS } from '../queue/queue.module.js';

/** Liveness says the process answers; readiness says it can reach PostgreSQL and Redis. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database').withTimeout(1_500),
        () => this.redisCheck(),
        () => this.workerCheck(),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        void reply.status(503);
        return error.getResponse() as object;
      }
      throw error;
    }
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    try {
      const answer = await Promise.race([
        this.redis.ping(),
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_500).unref()),
      ]);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected reply ${answer}` });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** The worker's heartbeat is information, not a reason to take the API out of service. */
  private async workerCheck() {
    const indicator = this.indicators.check('worker');
    const last = await this.redis.get(heartbeatKey(this.config.get('REDIS_PREFIX'))).catch(() => null);
    return last ? indicator.up({ lastHeartbeat: last }) : indicator.degraded({ message: 'no heartbeat seen yet' });
  }
}
