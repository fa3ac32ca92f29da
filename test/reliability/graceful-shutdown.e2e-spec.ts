import { ImportsService } from '@app/residents';
import { importJobId, QueueName, systemContext } from '@app/platform';
import { syntheticPopulation } from '@app/residents';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCity, DEMO, seedDemo } from '../factories/identity.js';
import { freePort, startBuilt, waitFor, type Started } from '../support/processes.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { httpClient, type Outcome } from './http-client.js';
import {
  builtEnv,
  jobState,
  loadPopulation,
  queueOf,
  startBuiltWorker,
  stopGently,
  until,
  waitForJob,
} from './support.js';

const RESIDENTS = 5_000;
const API_GRACE_SECONDS = 10;
const LOAD_BEFORE_SIGNAL_MS = 3_000;
const IMPORT_ROWS = 30_000;
const WORKER_GRACE_SECONDS = 2;

describe('graceful shutdown under load', () => {
  let t: TestApp;
  let dir: string;
  let worker: Started | null = null;
  let api: Started | null = null;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    expect(await loadPopulation(t, RESIDENTS)).toBe(RESIDENTS);
    dir = await mkdtemp(join(tmpdir(), 'kyosei-shutdown-'));
  }, 120_000);
  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await stopGently(worker);
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('API: SIGTERM under load finishes every accepted request, refuses new connections, exits 0 in the grace period; every answered write is saved', async () => {
    const port = await freePort();
    api = startBuilt(
      'api',
      builtEnv(t, {
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_GRACE_SECONDS: String(API_GRACE_SECONDS),
        LOG_LEVEL: 'info',
      }),
    );
    const started = api;
    await waitFor(async () => started.output().includes('listening on'), 30_000, 'the API').catch((error: Error) => {
      throw new Error(`${error.message}: ${started.output()}`);
    });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.caseworker, password: TEST_PASSWORD }),
    }).catch((error: Error) => {
      throw new Error(`login: ${error.message} (${started.child.exitCode}): ${started.output()}`);
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const client = httpClient(port, {
      cookie: login.headers.getSetCookie()[0].split(';')[0],
      'x-csrf-token': csrfToken,
    });
    const residents: Array<{ id: string; version: number; family_name: string; given_name: string }> =
      await t.dataSource.query(
        `SELECT id, version, family_name, given_name FROM resident WHERE municipality_code = '221309'
          ORDER BY resident_key LIMIT 200`,
      );
    const written = residents.slice(0, 6);

    // 20 clients: 8 read records, 6 write (If-Match; on 409 they read again: 2 writers per
    // resident), 4 search by name, 2 download the register as CSV (the slow request).
    const outcomes: Outcome[] = [];
    const saved: Array<{ id: string; address: string; version: number }> = [];
    let stopped = false;
    const refused = (outcome: Outcome) => outcome.error === 'ECONNREFUSED';
    const record = (outcome: Outcome) => {
      outcomes.push(outcome);
      return !stopped && !refused(outcome);
    };
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
    const reader = async () => {
      while (record(await client.send('read', 'GET', `/api/v1/residents/${pick(residents).id}`)));
    };
    const searcher = async () => {
      for (;;) {
        const r = pick(residents);
        const q = encodeURIComponent(`${r.given_name.split(' ')[0]} ${r.family_name}`.toLowerCase());
        if (!record(await client.send('search', 'GET', `/api/v1/residents?q=${q}&limit=20`))) return;
      }
    };
    const exporter = async () => {
      while (record(await client.send('export', 'GET', '/api/v1/exports/residents')));
    };
    const writer = async (w: number) => {
      const target = written[w % written.length];
      let version: number | null = null;
      for (let n = 0; ; n += 1) {
        if (version === null) {
          const read = await client.send('read', 'GET', `/api/v1/residents/${target.id}`);
          if (read.status === 200) version = Number(JSON.parse(read.body).version);
          if (!record(read)) return;
          continue;
        }
        const address = `浜松市中央区 writer ${w} write ${n}`;
        const write = await client.send(
          'write',
          'PATCH',
          `/api/v1/residents/${target.id}`,
          { 'if-match': `"${version}"` },
          { address },
        );
        version = null;
        if (write.status === 200) {
          version = Number(JSON.parse(write.body).version);
          saved.push({ id: target.id, address, version });
        }
        if (!record(write)) return;
      }
    };
    const clients = [
      ...Array.from({ length: 8 }, () => reader()),
      ...Array.from({ length: 6 }, (_, w) => writer(w)),
      ...Array.from({ length: 4 }, () => searcher()),
      ...Array.from({ length: 2 }, () => exporter()),
    ];
    const exited = api.exited.then((code) => {
      stopped = true;
      return code;
    });

    await new Promise((resolve) => setTimeout(resolve, LOAD_BEFORE_SIGNAL_MS));
    const signalledAt = performance.now();
    api.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<string>(
        (resolve) => (timer = setTimeout(() => resolve('still running'), (API_GRACE_SECONDS + 5) * 1000)),
      ),
    ]);
    clearTimeout(timer);
    const exitSeconds = (performance.now() - signalledAt) / 1000;
    stopped = true;
    await Promise.all(clients);
    client.close();

    const lines = (text: string) => text.split('\n').length - 1;
    const normal = (o: Outcome) =>
      o.error === null &&
      (o.kind === 'write'
        ? o.status === 200 || o.status === 409
        : o.kind === 'export'
          ? o.status === 200 && lines(o.body) === RESIDENTS + 1
          : o.status === 200);
    const describe = (o: Outcome) =>
      `${o.kind} sent ${(o.sentAt - signalledAt).toFixed(0)} ms after SIGTERM: ${[o.status, o.error].filter((x) => x !== null).join(' ')}` +
      (o.kind === 'export' && o.status === 200 ? ` (${lines(o.body)} lines)` : '') +
      (o.reusedSocket ? ' (reused connection)' : '');
    const before = outcomes.filter((o) => o.sentAt < signalledAt);
    const after = outcomes.filter((o) => o.sentAt >= signalledAt);
    // The first sign that the API stopped taking requests (a 503, a refused or reset connection).
    const turnedAway = (o: Outcome) =>
      o.status === 503 || refused(o) || (o.status === null && o.error === 'ECONNRESET');
    const closedAt = Math.min(...outcomes.filter(turnedAway).map((o) => o.endAt));
    const acrossClose = outcomes.filter((o) => o.sentAt < closedAt && o.endAt > closedAt && normal(o));
    // Requests that came after the signal (a load balancer would have stopped sending them during
    // the drain): served while draining, 503 once closing, refused once the listener is closed, or
    // reset before any answer (a kept-alive connection closed as the client reused it, or a
    // connection still in the listen backlog when the listener closed). Never an answer cut short.
    const allowedAfter = (o: Outcome) => normal(o) || turnedAway(o);
    const byKind = (list: Outcome[]) =>
      list.reduce<Record<string, number>>((counts, o) => ({ ...counts, [o.kind]: (counts[o.kind] ?? 0) + 1 }), {});
    console.log(
      `API shutdown: exit ${code} ${exitSeconds.toFixed(1)} s after SIGTERM (grace ${API_GRACE_SECONDS} s); ` +
        `${before.length} requests before the signal ${JSON.stringify(byKind(before))}, all answered; after it ` +
        `${after.filter(normal).length} served, ${after.filter((o) => o.status === 503).length} × 503, ` +
        `${after.filter(refused).length} refused, ${after.filter((o) => o.error === 'ECONNRESET').length} reset ` +
        `(${after.filter((o) => o.error === 'ECONNRESET' && o.reusedSocket).length} on reuse); ` +
        `${acrossClose.length} in flight when the listener closed (${JSON.stringify(byKind(acrossClose))}); ` +
        `${saved.length} writes answered 200`,
    );
    expect(before.filter((o) => !normal(o)).map(describe)).toEqual([]);
    expect(after.filter((o) => !allowedAfter(o)).map(describe)).toEqual([]);
    expect(code).toBe(0);
    expect(exitSeconds).toBeLessThan(API_GRACE_SECONDS);
    expect(api.output()).toContain('stopped cleanly');
    expect(after.filter(normal).length).toBeGreaterThan(0);
    expect(after.filter(refused).length).toBeGreaterThan(0);
    expect(acrossClose.length).toBeGreaterThan(0);

    // Every write answered 200 is in the database, and no other: per resident, the version moved
    // by the number of 200s, the address is the last one answered, one audit event per 200.
    for (const target of written) {
      const mine = saved.filter((s) => s.id === target.id).sort((a, b) => a.version - b.version);
      const [row] = await t.dataSource.query(
        `SELECT version, address,
                (SELECT count(*)::int FROM audit_event WHERE action = 'resident.update' AND resident_id = r.id) AS updates
           FROM resident r WHERE id = $1`,
        [target.id],
      );
      expect({ version: row.version, address: row.address, updates: row.updates }).toEqual({
        version: target.version + mine.length,
        address: mine.at(-1)?.address ?? null,
        updates: mine.length,
      });
    }
    expect(saved.length).toBeGreaterThan(0);
    api = null;
  }, 120_000);

  it('worker: SIGTERM during a long import exits 0 within the grace period and hands the job back; the next worker finishes it, counts exact', async () => {
    const started = Date.now();
    const path = join(dir, 'register.csv');
    await writeFile(path, `${[...syntheticPopulation(IMPORT_ROWS, 7)].join('\n')}\n`);
    await createCity(t, '222119', '磐田市');
    const queue = queueOf(t, QueueName.imports);
    const env = { SHUTDOWN_GRACE_SECONDS: String(WORKER_GRACE_SECONDS), IMPORT_SLICE_ROWS: '2000', LOG_LEVEL: 'info' };
    worker = startBuiltWorker(t, env);
    const run = await t.app
      .get(ImportsService)
      .start(systemContext('shutdown-test'), { municipalityCode: '222119', fileName: 'register.csv', filePath: path });
    const jobId = importJobId(run.id);
    const importRun = async () =>
      (
        await t.dataSource.query(
          `SELECT status, staged_rows, processed_rows, inserted_rows, failed_rows FROM import_run WHERE id = $1`,
          [run.id],
        )
      )[0] as {
        status: string;
        staged_rows: number;
        processed_rows: number;
        inserted_rows: number;
        failed_rows: number;
      };
    // Signalled once the file is staged and the first slices are in: far from done.
    await until(async () => (await importRun()).processed_rows > 0, 90_000, 'the import to commit its first slice');
    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const code = await worker.exited;
    const exitSeconds = (Date.now() - signalled) / 1000;
    const atExit = await importRun();
    const { state, job } = await jobState(queue, jobId);
    const output = worker.output();
    worker = null;
    console.log(
      `worker shutdown: exit ${code} ${exitSeconds.toFixed(1)} s after SIGTERM (grace ${WORKER_GRACE_SECONDS} s); ` +
        `import at ${atExit.processed_rows}/${atExit.staged_rows} rows; job ${state}, attempts ${job?.attemptsMade}`,
    );
    expect(code).toBe(0);
    expect(exitSeconds).toBeLessThan(WORKER_GRACE_SECONDS + 3);
    expect(output).toContain('handed back to their queues');
    // Back in the queue as it was: waiting, no attempt spent, no failure recorded.
    expect(atExit.status).toBe('RUNNING');
    expect(atExit.processed_rows).toBeLessThan(IMPORT_ROWS);
    expect({ state, attemptsMade: job?.attemptsMade, failedReason: job?.failedReason ?? null }).toEqual({
      state: 'waiting',
      attemptsMade: 0,
      failedReason: null,
    });

    // The next worker resumes it from its last committed slice.
    worker = startBuiltWorker(t, { LOG_LEVEL: 'info' });
    const next = worker;
    await waitForJob(queue, jobId, 90_000).catch((error: Error) => {
      // What the next worker did (or did not) says why.
      throw new Error(
        `${error.message}; the run: ${JSON.stringify(atExit)}; the next worker's output:\n${next.output().slice(-4000)}`,
      );
    });
    const done = await importRun();
    const [{ residents, keys }] = await t.dataSource.query(
      `SELECT count(*)::int AS residents, count(DISTINCT resident_key)::int AS keys FROM resident WHERE municipality_code = '222119'`,
    );
    console.log(`worker shutdown: finished by the next worker; test ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(done).toEqual({
      status: 'DONE',
      staged_rows: IMPORT_ROWS,
      processed_rows: IMPORT_ROWS,
      inserted_rows: IMPORT_ROWS,
      failed_rows: 0,
    });
    expect({ residents, keys }).toEqual({ residents: IMPORT_ROWS, keys: IMPORT_ROWS });
  }, 240_000);
});
