import type { LoggerService } from '@nestjs/common';
import { parseConfig, type AppConfigValues } from '../config/config.schema.js';

/**
 * On SIGTERM or SIGINT: run `stop` (stop accepting, finish in-flight work, close pools) and
 * exit 0; exit 1 if it fails or takes longer than the grace period. Nest's own shutdown hooks
 * re-raise the signal after closing, which makes the exit status non-zero.
 */
export function exitGracefullyOnSignals(stop: () => Promise<void>, logger: LoggerService, graceSeconds: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing in-flight work`, 'Shutdown');
    const timer = setTimeout(() => {
      logger.error(`still busy after ${graceSeconds}s; exiting anyway`, undefined, 'Shutdown');
      process.exit(1);
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
