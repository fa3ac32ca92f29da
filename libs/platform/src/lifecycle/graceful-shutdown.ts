import type { LoggerService } from '@nestjs/common';
import { parseConfig, type AppConfigValues } from '../config/config.schema.js';

/** Hands over work still running instead of finishing it: true when there was some and all of it went. */
type DeadlineHook = () => Promise<boolean>;
const deadlineHooks: DeadlineHook[] = [];
/** How long the deadline hooks may take (they must end before the orchestrator's SIGKILL). */
const HANDOVER_MS = 2_000;

/**
 * Registers what to do when the grace period ends with work still running, e.g. the worker hands
 * its running jobs back to their queues. If every hook succeeds the process exits 0 (the work was
 * handed over, not lost); without hooks, or if one fails, it exits 1.
 */
export function onShutdownDeadline(hook: DeadlineHook): void {
  deadlineHooks.push(hook);
}

let shuttingDown = false;

/** True from the shutdown signal on: readiness answers 503 so a load balancer stops sending work. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/**
 * On SIGTERM or SIGINT: run `stop` (stop accepting, finish in-flight work, close pools) and
 * exit 0; exit 1 if it fails or takes longer than the grace period and the work still running
 * then could not be handed over (onShutdownDeadline). Nest's own shutdown hooks re-raise the
 * signal after closing, which makes the exit status non-zero.
 */
export function exitGracefullyOnSignals(stop: () => Promise<void>, logger: LoggerService, graceSeconds: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    shuttingDown = true;
    logger.log(`${signal} received: finishing in-flight work`, 'Shutdown');
    const timer = setTimeout(() => {
      void handOver(logger, graceSeconds).then((handedOver) => process.exit(handedOver ? 0 : 1));
    }, graceSeconds * 1000);
    timer.unref();
    stop().then(
      () => {
        logger.log('stopped cleanly', 'Shutdown');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error).message}`, (error as Error).stack, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function handOver(logger: LoggerService, graceSeconds: number): Promise<boolean> {
  if (deadlineHooks.length === 0) {
    logger.error(`still busy after ${graceSeconds}s; exiting anyway`, undefined, 'Shutdown');
    return false;
  }
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HANDOVER_MS).unref());
  const handedOver = await Promise.race([
    Promise.all(deadlineHooks.map((hook) => hook().catch(() => false))).then((results) => results.every(Boolean)),
    timeout,
  ]);
  if (handedOver) logger.log(`still busy after ${graceSeconds}s; unfinished work handed over, exiting`, 'Shutdown');
  else
    logger.error(
      `still busy after ${graceSeconds}s and the work could not be handed over; exiting anyway`,
      undefined,
      'Shutdown',
    );
  return handedOver;
}

/** Prints one line that says what is wrong (the variable, or each field and reason) and exits 1. */
export function failFast(error: unknown): never {
  process.stderr.write(`${oneLine(error)}\n`);
  process.exit(1);
}

function oneLine(error: unknown): string {
  const problem = (error as { problem?: { detail?: string; errors?: { field: string; reason: string }[] } }).problem;
  if (problem) {
    const fields = problem.errors?.map((e) => `${e.field}: ${e.reason}`).join('; ');
    return [problem.detail, fields].filter(Boolean).join(' ');
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/** The validated environment, or one line naming the bad variable and exit 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfigValues {
  try {
    return parseConfig(env);
  } catch (error) {
    failFast(error);
  }
}
