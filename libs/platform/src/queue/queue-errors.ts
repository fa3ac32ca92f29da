import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { QueueName } from './jobs.js';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const logger = new Logger('Queues');

/**
 * Reports a queue connection's errors as one line. Without a listener BullMQ prints the whole
 * error object to the console (with the connection and its options) on every dropped connection,
 * e.g. when PostgreSQL restarts under the PostgreSQL backend; the connection recovers by itself.
 */
export function reportQueueErrors(emitter: ErrorEmitter, what: string): void {
  emitter.on('error', (error: Error) => logger.warn(`${what}: ${error.message}`));
}

/** Attaches `reportQueueErrors` to every queue of the process and every worker it runs. */
@Injectable()
export class QueueErrorReporter implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      reportQueueErrors(this.moduleRef.get(getQueueToken(name), { strict: false }), `queue ${name}`);
    }
    for (const { instance } of this.discovery.getProviders()) {
      // WorkerHost's getter throws before its worker exists (a host whose worker is not started).
      if (instance instanceof WorkerHost) {
        try {
          reportQueueErrors(instance.worker, `worker ${instance.worker.name}`);
        } catch {
          // no worker in this process
        }
      }
    }
  }
}
