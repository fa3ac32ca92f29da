import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { portAnswers } from '../libs/platform/src/lifecycle/embedded-services.js';
import { freePort, startScript, waitFor } from './support/processes.js';

const PASSWORD = 'Embedded-demo-2026';

/** The README's run command (`npm run demo` = scripts/start.mjs --demo) on the built code. */
function runCommand(env: Record<string, string>) {
  // No DATABASE_URL and no REDIS_URL: what someone with only Node.js has.
  return startScript(join(process.cwd(), 'scripts', 'start.mjs'), { HOME: process.env.HOME ?? '/root', ...env }, [
    '--demo',
  ]);
}

/** [K12] Embedded mode: the run command with no PostgreSQL and no Redis to reach. */
describe('embedded mode (built run command)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kyosei-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts its own PostgreSQL with the queues in it, seeds the demo, serves the login page and stops cleanly', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const started = Date.now();
    // KYOSEI_EMBEDDED=1 stands for "nothing answers on 5432 and 6379" on a machine where they do.
    const run = runCommand({
      KYOSEI_EMBEDDED: '1',
      KYOSEI_DATA_DIR: dataDir,
      KYOSEI_EMBEDDED_PG_PORT: String(pgPort),
      KYOSEI_DEMO_PASSWORD: PASSWORD,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    const base = `http://127.0.0.1:${port}`;
    let exitCode: number | null;
    try {
      await waitFor(async () => (await request(base).get('/')).status === 200, 200_000, 'the login page').catch(
        (error: Error) => {
          throw new Error(`${error.message}; the run command said:\n${run.output().slice(-4000)}`);
        },
      );
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`embedded mode: login page served ${seconds.toFixed(1)} s after the run command\n`);
      const modeLines = run
        .output()
        .split('\n')
        .filter((line) => line.startsWith('kyosei: '));
      expect(modeLines).toEqual([
        `kyosei: embedded mode: embedded PostgreSQL (data in ${join(dataDir, 'pg')}, 127.0.0.1:${pgPort}); queues in PostgreSQL (no Redis answers on 127.0.0.1:6379)`,
      ]);
      expect(run.output()).not.toContain('postgres://');
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

      // The demo works: sign in, find residents, and the worker is alive on the PostgreSQL queues.
      const login = await request(base)
        .post('/api/v1/auth/login')
        .send({ email: 'caseworker@demo.city', password: PASSWORD })
        .expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      // The synthetic population loads while the API and the worker start.
      await waitFor(
        async () => {
          const found = await request(base).get('/api/v1/residents?limit=5').set('cookie', cookie);
          return found.status === 200 && found.body.items.length === 5;
        },
        60_000,
        'the demo residents',
      );
      await waitFor(
        async () => {
          const ready = await request(base).get('/health/ready');
          return (
            ready.status === 200 && ready.body.info?.queues?.status === 'up' && ready.body.info?.worker?.status === 'up'
          );
        },
        60_000,
        'the worker heartbeat through the PostgreSQL queues',
      );
    } finally {
      run.child.kill('SIGTERM');
      exitCode = await run.exited;
    }
    expect(exitCode).toBe(0);
    // The embedded server stopped with the system.
    expect(await portAnswers('127.0.0.1', pgPort)).toBe(false);
  }, 320_000);

  it('refuses embedded mode in production unless KYOSEI_ALLOW_EMBEDDED=1', async () => {
    const run = runCommand({
      NODE_ENV: 'production',
      KYOSEI_EMBEDDED: '1',
      KYOSEI_DATA_DIR: dataDir,
      SESSION_SECRET: 'a-production-secret-of-at-least-32-characters',
      DATA_HASH_KEY: 'a-production-data-key-of-at-least-32-characters',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/refused in production/);
  });
});
