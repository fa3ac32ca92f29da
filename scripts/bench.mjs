#!/usr/bin/env node
// `npm run bench -- NAME`: builds, then runs bench/NAME.ts (compiled to dist/bench/NAME.js).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const name = process.argv[2];
const available = readdirSync('bench')
  .filter((file) => file.endsWith('.ts') && !['support.ts', 'bare-fastify.ts'].includes(file))
  .map((file) => file.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}>\n`);
  process.exit(2);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const script = `dist/bench/${name}.js`;
if (!existsSync(script)) throw new Error(`${script} missing after the build`);
// The load generator gets core 0; bench/support.ts puts the servers on core 1.
const pinned = existsSync('/usr/bin/taskset');
const run = pinned
  ? spawnSync('/usr/bin/taskset', ['-c', '0', process.execPath, script], { stdio: 'inherit' })
  : spawnSync(process.execPath, [script], { stdio: 'inherit' });
process.exit(run.status ?? 1);
