import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { isShuttingDown } from '../lifecycle/graceful-shutdown.js';
import { heartbeatKey } from '../queue/jobs.js';
import { SharedState } from '../queue/shared-state.js';

/** Liveness says the process answers; readiness says it can reach PostgreSQL and Redis. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
    private readonly state: SharedState,
  ) {}

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | object> {
    if (isShuttingDown()) {
      // Draining: requests already sent are finished, new ones belong on another replica.
      void reply.status(503);
      return { status: 'shutting_down' };
    }
    try {
      return await this.health.check([
        () => this.database.pingCheck('database').withTimeout(1_500),
        () => this.queueCheck(),
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

  /** Redis, or in embedded mode the database that holds the queues. */
  private async queueCheck() {
    const indicator = this.indicators.check(this.config.get('QUEUE_BACKEND') === 'postgres' ? 'queues' : 'redis');
    try {
      await Promise.race([
        this.state.ping(),
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_500).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** The worker's heartbeat is information, not a reason to take the API out of service. */
  private async workerCheck() {
    const indicator = this.indicators.check('worker');
    const last = await this.state.get(heartbeatKey(this.config.get('REDIS_PREFIX'))).catch(() => null);
    return last
      ? indicator.up({ lastHeartbeat: last.value })
      : indicator.degraded({ message: 'no heartbeat seen yet' });
  }
}
