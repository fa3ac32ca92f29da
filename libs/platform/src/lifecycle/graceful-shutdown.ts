import type { LoggerService } from '@nestjs/common';

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

/** Parses the environment or prints one line naming the bad variable and exits 1. */
export function failFast(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exit(1);
}
