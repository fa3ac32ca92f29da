/**
 * [K13] Load: the built API under a caseworkers' mix for BENCH_SECONDS (default 60 s) at
 * BENCH_CLIENTS (default 50) concurrent clients, each request chosen at random: 40% name search
 * (GET /api/v1/residents?q=), 40% record reads (GET /api/v1/residents/:id), 20% writes (PATCH with
 * If-Match; a 409 reads the record again and retries). Baseline in the same run: the same mix at one
 * client. Reported per kind: requests/s, p50/p95/p99, and errors (anything but 2xx, and 409 on
 * writes). Target: no error.
 *
 * Data: `kyosei demo:seed` and `kyosei demo:population` (BENCH_ROWS residents of 221309, default
 * 20,000, seed 2026). BENCH_KEEP=1 keeps the database and prints its name.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import os from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import {
  appendReport,
  benchEnvironment,
  finishDatabase,
  machine,
  nodeFlags,
  PINNED,
  ROOT,
  runCli,
  signIn,
  startNode,
  waitUntilUp,
} from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const PORT = 3994;
const PASSWORD = 'Bench-password-2026';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();

type Kind = 'search' | 'read' | 'write';
const KINDS: Kind[] = ['search', 'read', 'write'];

interface Answer {
  status: number;
  body: string;
  error: string | null;
}

interface Tally {
  latencies: Record<Kind, number[]>;
  conflicts: number;
  errors: Array<{ kind: Kind; what: string }>;
  seconds: number;
}

function client(port: number, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const send = (method: string, path: string, extra: Record<string, string> = {}, body?: object) =>
    new Promise<Answer>((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...headers,
            ...extra,
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, error: null }));
          res.on('error', (error) => resolve({ status: res.statusCode ?? 0, body: text, error: error.message }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ status: 0, body: '', error: error.code ?? error.message }),
      );
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/** `clients` concurrent loops of the mix for `seconds`; every answer timed and checked. */
async function drive(
  http: ReturnType<typeof client>,
  residents: Array<{ id: string; q: string }>,
  versions: Map<string, number>,
  clients: number,
  seconds: number,
): Promise<Tally> {
  const tally: Tally = { latencies: { search: [], read: [], write: [] }, conflicts: 0, errors: [], seconds };
  const pick = () => residents[Math.floor(Math.random() * residents.length)];
  const deadline = performance.now() + seconds * 1000;
  const timed = async (kind: Kind, method: string, path: string, headers?: Record<string, string>, body?: object) => {
    const start = performance.now();
    const answer = await http.send(method, path, headers, body);
    tally.latencies[kind].push(performance.now() - start);
    return answer;
  };
  const fail = (kind: Kind, answer: Answer) =>
    tally.errors.push({ kind, what: answer.error ?? `${answer.status} ${answer.body.slice(0, 120)}` });
  const loop = async (n: number) => {
    for (let i = 0; performance.now() < deadline; i += 1) {
      const roll = Math.random();
      const resident = pick();
      if (roll < 0.4) {
        const answer = await timed('search', 'GET', `/api/v1/residents?limit=20&q=${encodeURIComponent(resident.q)}`);
        if (answer.status !== 200) fail('search', answer);
      } else if (roll < 0.8) {
        const answer = await timed('read', 'GET', `/api/v1/residents/${resident.id}`);
        if (answer.status !== 200) fail('read', answer);
        else versions.set(resident.id, Number(JSON.parse(answer.body).version));
      } else {
        // Write with the version last seen; a 409 means someone saved first: read again, retry.
        for (let attempt = 0; ; attempt += 1) {
          if (attempt === 5) {
            tally.errors.push({ kind: 'write', what: '409 five times in a row' });
            break;
          }
          const answer = await timed(
            'write',
            'PATCH',
            `/api/v1/residents/${resident.id}`,
            { 'if-match': `"${versions.get(resident.id) ?? 1}"` },
            { address: `浜松市中央区元城町${(n % 50) + 1}-${i % 100}` },
          );
          if (answer.status === 200) {
            versions.set(resident.id, Number(JSON.parse(answer.body).version));
            break;
          }
          if (answer.status !== 409) {
            fail('write', answer);
            break;
          }
          tally.conflicts += 1;
          const fresh = await http.send('GET', `/api/v1/residents/${resident.id}`);
          if (fresh.status !== 200) {
            fail('read', fresh);
            break;
          }
          versions.set(resident.id, Number(JSON.parse(fresh.body).version));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => loop(n)));
  return tally;
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

function rows(label: string, tally: Tally): string[] {
  const all = KINDS.flatMap((kind) => tally.latencies[kind]);
  const line = (what: string, latencies: number[], errors: number) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const ms = (q: number) => percentile(sorted, q).toFixed(1);
    return `| ${label} | ${what} | ${latencies.length.toLocaleString('en')} | ${Math.round(latencies.length / tally.seconds).toLocaleString('en')} | ${ms(0.5)} / ${ms(0.95)} / ${ms(0.99)} | ${errors} |`;
  };
  return [
    ...KINDS.map((kind) =>
      line(
        kind === 'search' ? 'name search' : kind === 'read' ? 'record read' : 'write (PATCH, If-Match)',
        tally.latencies[kind],
        tally.errors.filter((error) => error.kind === kind).length,
      ),
    ),
    line('**all**', all, tally.errors.length),
  ];
}

async function main(): Promise<void> {
  const env = benchEnvironment(databaseUrl, database, PORT, PASSWORD);
  const population = join(os.tmpdir(), `${database}-population.csv`);
  const loadAtStart = os.loadavg();
  await runCli(env, ['demo:seed']);
  await runCli(env, ['demo:population', '--municipality', '221309', '--size', String(SIZE), '--out', population]);
  await rm(population, { force: true });

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const api = startNode(join(ROOT, 'dist', 'apps/api/src/main.js'), env, [], nodeFlags('api'));
  try {
    await waitUntilUp(`http://127.0.0.1:${PORT}/health/live`);
    const session = await signIn(PORT, 'caseworker@demo.city', PASSWORD);
    const http = client(PORT, { cookie: session.cookie, 'x-csrf-token': session.csrfToken });
    const residents: Array<{ id: string; q: string; version: number }> = (
      await db.query(
        `SELECT id, lower(split_part(given_name, ' ', 1) || ' ' || family_name) AS q, version FROM resident
          ORDER BY random() LIMIT 2000`,
      )
    ).rows;
    const versions = new Map(residents.map((r) => [r.id, r.version]));
    const [{ before }] = (await db.query(`SELECT count(*)::int AS before FROM audit_event`)).rows;

    await drive(http, residents, versions, CLIENTS, WARM_UP_SECONDS);
    const baseline = await drive(http, residents, versions, 1, BASELINE_SECONDS);
    const loaded = await drive(http, residents, versions, CLIENTS, SECONDS);
    http.close();
    const loadAtEnd = os.loadavg();
    const [{ audited }] = (await db.query(`SELECT count(*)::int - $1 AS audited FROM audit_event`, [before])).rows;

    const total = (tally: Tally) => KINDS.reduce((sum, kind) => sum + tally.latencies[kind].length, 0);
    const rate = (tally: Tally) => total(tally) / tally.seconds;
    const errors = baseline.errors.length + loaded.errors.length;
    const sample = [...baseline.errors, ...loaded.errors].slice(0, 3).map((error) => `${error.kind}: ${error.what}`);
    const report = [
      `## load — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}; ${os.cpus().length} cores. ${SIZE.toLocaleString('en')} residents of 221309 ` +
        `(demo:population, seed 2026) plus demo:seed; the built API (\`npm start\`'s flags)` +
        (PINNED ? ' pinned to core 1, this load generator on core 0, PostgreSQL and Redis unpinned. ' : '. ') +
        `**Shared, busy machine:** other engineers' test suites ran at the same time (load average ` +
        `${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start, ${loadAtEnd.map((l) => l.toFixed(1)).join(' / ')} ` +
        `at the end, 1/5/15 min, on ${os.cpus().length} cores), so the absolute figures are low and noisy.`,
      '',
      `Mix per request: 40% name search, 40% record read, 20% write (PATCH with If-Match; a 409 reads the ` +
        `record again and retries, at most 5 times) over 2,000 random residents, keep-alive connections. ` +
        `${WARM_UP_SECONDS} s warm-up at ${CLIENTS} clients, then the baseline (1 client, ${BASELINE_SECONDS} s), ` +
        `then ${CLIENTS} clients for ${SECONDS} s.`,
      '',
      '| clients | kind | requests | requests/s | p50 / p95 / p99 ms | errors |',
      '|---|---|---:|---:|---|---:|',
      ...rows('1 (baseline)', baseline),
      ...rows(String(CLIENTS), loaded),
      '',
      `Throughput at ${CLIENTS} clients: **${Math.round(rate(loaded)).toLocaleString('en')} requests/s** ` +
        `(${(rate(loaded) / rate(baseline)).toFixed(1)}× the single client's ${Math.round(rate(baseline)).toLocaleString('en')}/s). ` +
        `Write conflicts (409, retried): ${baseline.conflicts} at 1 client, ${loaded.conflicts} at ${CLIENTS}. ` +
        `Errors other than 409: ${errors} (target 0: ${errors === 0 ? 'met' : `NOT met — ${sample.join('; ')}`}). ` +
        `Audit events written meanwhile: ${Number(audited).toLocaleString('en')} (every read and write of a record is audited).`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await db.end();
    await finishDatabase(adminUrl, database, false);
  }
}

await main();
