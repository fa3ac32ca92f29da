import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = process.cwd();

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function load(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections: 50, duration: seconds, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Servers run on core 1 and the load generator (this process) on core 0, when taskset exists. */
export const PINNED = existsSync('/usr/bin/taskset') && os.cpus().length >= 2;

/** The flags `npm start` gives each process (scripts/node-flags.json). */
export function nodeFlags(app: 'api' | 'worker' | 'cli'): string[] {
  return (JSON.parse(readFileSync(join(ROOT, 'scripts', 'node-flags.json'), 'utf8')) as Record<string, string[]>)[app];
}

export function startNode(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  flags: string[] = [],
  stdout: 'ignore' | 'inherit' = 'ignore',
): ChildProcess {
  const command = PINNED ? ['/usr/bin/taskset', '-c', '1', process.execPath] : [process.execPath];
  return spawn(command[0], [...command.slice(1), ...flags, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
}

export async function waitUntilUp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

export async function machine(): Promise<string> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  const pg = await readFile('/proc/version', 'utf8').catch(() => os.release());
  return `${os.cpus().length} × ${cpu}, ${memory}, Node ${process.version}, ${pg.split(' ').slice(0, 3).join(' ')}`;
}

export async function appendReport(markdown: string): Promise<void> {
  await appendFile(join(ROOT, 'docs', 'benchmarks.md'), `${markdown}\n`);
}

/** The environment of the API, worker and CLI of a benchmark's own database. */
export function benchEnvironment(databaseUrl: string, database: string, port: number, password: string) {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: database,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    KYOSEI_DEMO_PASSWORD: password,
  };
}

/** Runs `kyosei ARGS` from the build; its duration in seconds. A failure stops the benchmark. */
export async function runCli(env: Record<string, string>, args: string[]): Promise<number> {
  const start = performance.now();
  const child = startNode(join(ROOT, 'dist', 'apps/cli/src/main.js'), env, args, nodeFlags('cli'));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`kyosei ${args.join(' ')} exited ${code}`);
  return (performance.now() - start) / 1000;
}

/** Signs a demo user in: the session cookie and the CSRF token for unsafe requests. */
export async function signIn(
  port: number,
  email: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.getSetCookie()[0].split(';')[0], csrfToken };
}

/** After a bench: its database dropped, unless it was reused or BENCH_KEEP asks to keep it (its name printed). */
export async function finishDatabase(adminUrl: string, database: string, reused: boolean): Promise<void> {
  if (reused) return;
  if (process.env.BENCH_KEEP) {
    process.stdout.write(`kept database ${database}\n`);
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
}
