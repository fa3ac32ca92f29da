/**
 * Authenticated GET /api/v1/me (session cookie → PostgreSQL lookup, default-deny guard,
 * user read, JSON, request log) against a bare Fastify hello route, both at 50 connections,
 * measured in the same run. Target: Kyosei serves at least 40% of the bare route's requests/s.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import {
  appendReport,
  load,
  machine,
  nodeFlags,
  PINNED,
  ROOT,
  startNode,
  waitUntilUp,
  type LoadResult,
} from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
// Alternating rounds, so that drift in the machine's speed hits both sides alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_SECONDS = 5;
const PASSWORD = 'Bench-password-2026';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const dist = join(ROOT, 'dist');

async function main(): Promise<void> {
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: '3998',
    HOST: '127.0.0.1',
    REDIS_PREFIX: database,
    KYOSEI_DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'info',
  };
  const seed = startNode(join(dist, 'apps/cli/src/main.js'), env, ['demo:seed']);
  await new Promise((resolve) => seed.on('exit', resolve));

  const bare = startNode(join(dist, 'bench/bare-fastify.js'), { PORT: '3999' });
  const api = startNode(join(dist, 'apps/api/src/main.js'), env, [], nodeFlags('api'));
  try {
    await waitUntilUp('http://127.0.0.1:3999/hello');
    await waitUntilUp('http://127.0.0.1:3998/health/live');
    const login = await fetch('http://127.0.0.1:3998/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.city', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.getSetCookie()[0].split(';')[0];

    // Warm both up so JIT and connection pools are in steady state.
    await load('http://127.0.0.1:3999/hello', {}, WARM_UP_SECONDS);
    await load('http://127.0.0.1:3998/api/v1/me', { cookie }, WARM_UP_SECONDS);
    const rounds: Array<{ baseline: LoadResult; kyosei: LoadResult; ratio: number }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const baseline = await load('http://127.0.0.1:3999/hello', {}, SECONDS);
      const kyosei = await load('http://127.0.0.1:3998/api/v1/me', { cookie }, SECONDS);
      if (kyosei.non2xx || kyosei.errors) throw new Error(`errors during the run: ${JSON.stringify(kyosei)}`);
      rounds.push({ baseline, kyosei, ratio: kyosei.requestsPerSecond / baseline.requestsPerSecond });
    }
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
    const ratio = median.ratio;
    const report = [
      `## http-baseline — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. autocannon, 50 connections, ${ROUNDS} alternating rounds of ${SECONDS} s per target after a ${WARM_UP_SECONDS} s warm-up, ` +
        (PINNED ? 'servers pinned to core 1 and the load generator to core 0 (taskset).' : 'no CPU pinning.'),
      '',
      '| round | bare Fastify `GET /hello` req/s (p50/p99 ms) | Kyosei `GET /api/v1/me` with a session cookie req/s (p50/p99 ms) | ratio |',
      '|---:|---:|---:|---:|',
      ...rounds.map(
        ({ baseline, kyosei, ratio: r }, index) =>
          `| ${index + 1} | ${baseline.requestsPerSecond} (${baseline.p50Ms}/${baseline.p99Ms}) | ` +
          `${kyosei.requestsPerSecond} (${kyosei.p50Ms}/${kyosei.p99Ms}) | ${(r * 100).toFixed(1)}% |`,
      ),
      '',
      `Kyosei / baseline, median of ${ROUNDS} alternating rounds: **${(ratio * 100).toFixed(1)}%** ` +
        `(target ≥ 40%: ${ratio >= 0.4 ? 'met' : 'NOT met'}).`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
    if (ratio < 0.4) process.exitCode = 1;
  } finally {
    bare.kill('SIGTERM');
    api.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  }
}

await main();
