import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Worker } from 'bullmq';
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

/** The BullMQ workers this process runs (one per `@Processor` whose worker has started). */
export function runningWorkers(discovery: DiscoveryService): Worker[] {
  return discovery.getProviders().flatMap(({ instance }) => {
    if (!(instance instanceof WorkerHost)) return [];
    try {
      return [instance.worker];
    } catch {
      return []; // WorkerHost's getter throws before its worker exists
    }
  });
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
    for (const worker of runningWorkers(this.discovery)) reportQueueErrors(worker, `worker ${worker.name}`);
  }
}
