#!/usr/bin/env node
// Runs the API and the worker side by side (what `npm start` and `npm run demo` do).
// With --demo it first applies migrations and seeds the demo data (once; the synthetic population
// loads while the API and the worker start); with --build it builds.
// SIGTERM/SIGINT are passed to both; when either stops, the other is stopped too, and this
// process exits with the first non-zero status (0 when both stopped cleanly).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodeFlags = JSON.parse(readFileSync(join(root, 'scripts', 'node-flags.json'), 'utf8'));
const entry = (app) => [...nodeFlags[app], join(root, 'dist', 'apps', app, 'src', 'main.js')];

// `--build` (what `npm run demo` passes), or no build yet: build first, so that the whole run
// is one process tree under npm and signals reach it.
if (
  process.argv.includes('--build') ||
  !existsSync(join(root, 'dist', 'apps', 'api', 'src', 'main.js')) ||
  !existsSync(join(root, 'dist', 'web', 'index.html'))
) {
  for (const [script, args] of [
    [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), ['build', 'api']],
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), ['build', 'apps/web', '--logLevel', 'warn']],
  ]) {
    const build = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd: root });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

// Where PostgreSQL and the queues are: the given URLs, the local services, or (embedded mode,
// nothing installed but Node.js) a PostgreSQL of our own in .kyosei/pg with the queues in it.
const { resolveServices } = await import(
  pathToFileURL(join(root, 'dist', 'libs', 'platform', 'src', 'lifecycle', 'embedded-services.js')).href
);
let services;
try {
  services = await resolveServices(process.env, { log: (line) => process.stderr.write(`${line}\n`) });
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
Object.assign(process.env, services.env);
process.stdout.write(`${services.description}\n`);
const exit = async (code) => {
  await services.stop().catch((error) => process.stderr.write(`${error.message}\n`));
  process.exit(code);
};

// Check the environment once, here, so a bad value gives one line instead of one per process.
const { parseConfig } = await import(
  pathToFileURL(join(root, 'dist', 'libs', 'platform', 'src', 'config', 'config.schema.js')).href
);
try {
  parseConfig();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  await exit(1);
}

const demo = process.argv.includes('--demo');
if (demo) {
  // The demo city's offices and users first: this also applies the migrations.
  const seed = spawnSync(process.execPath, [...entry('cli'), 'demo:seed'], { stdio: 'inherit' });
  if (seed.status !== 0) await exit(seed.status ?? 1);
}

const children = ['api', 'worker'].map((app) => {
  const child = spawn(process.execPath, entry(app), { stdio: 'inherit' });
  child.app = app;
  return child;
});

let status = 0;
let stopping = false;
let population = null;
const stopAll = (signal) => {
  stopping = true;
  for (const child of [...children, population]) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
};
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stopAll(signal));

if (demo) {
  // Then, while the API and the worker start, (once) 2,000 synthetic residents to search and open.
  population = spawn(
    process.execPath,
    [...entry('cli'), 'demo:population', '--municipality', '221309', '--size', '2000', '--if-empty'],
    { stdio: 'inherit' },
  );
  population.on('exit', (code, signal) => {
    if (stopping || code === 0) return;
    process.stderr.write(`kyosei demo:population failed (${code ?? signal}); stopping the rest\n`);
    status = code ?? 1;
    stopAll('SIGTERM');
  });
}

let running = children.length;
for (const child of children) {
  child.on('exit', (code, signal) => {
    const childStatus = code ?? (signal ? 1 : 0);
    if (childStatus !== 0 && status === 0) status = childStatus;
    if (!stopping) {
      process.stderr.write(`kyosei ${child.app} stopped (${code ?? signal}); stopping the rest\n`);
      stopAll('SIGTERM');
    }
    running -= 1;
    if (running === 0) void exit(status);
  });
}
