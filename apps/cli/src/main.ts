#!/usr/bin/env -S node --max-old-space-size=768
// (the heap limit as in scripts/node-flags.json: V8 collects before a match run grows past 1 GB)
import 'reflect-metadata';
import { ensureDatabase, failFast, loadConfigOrExit } from '@app/platform';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';

/** `kyosei <command>`: the same modules as the API, driven from the shell. */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ LOG_LEVEL: 'warn', ...process.env });
  await ensureDatabase(config.DATABASE_URL).catch((error: Error) =>
    failFast(new Error(`DATABASE_URL: cannot reach PostgreSQL (${error.message})`)),
  );
  await CommandFactory.run(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
    errorHandler: (error) => failFast(error),
    serviceErrorHandler: (error) => failFast(error),
  });
}

void main().catch((error: unknown) => failFast(error));
