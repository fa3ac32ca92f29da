import { request as httpRequest } from 'node:http';
import {
  ADMIN_DATABASE_URL,
  databaseUrl,
  redisPrefix,
  runId,
  TEST_QUEUE_BACKEND,
  TEST_REDIS_URL,
} from './support/test-env.js';
import { freePort, startBuilt, waitFor } from './support/processes.js';
import { TEST_PASSWORD } from './support/test-app.js';

interface Reply {
  status: number;
  body: string;
}

function post(port: number, path: string, body: object, onSent: () => void): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.on('finish', onSent);
    req.end(payload);
  });
}

describe('the built processes', () => {
  it('refuses to start with a malformed DATABASE_URL, in one line naming it', async () => {
    const api = startBuilt('api', { DATABASE_URL: 'nonsense' });
    expect(await api.exited).not.toBe(0);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_URL/);
  });

  it('creates and migrates a missing database, then finishes 50 in-flight requests on SIGTERM and exits 0', async () => {
    const database = `kyosei_p_${runId()}_sigterm`;
    const port = await freePort();
    const env = {
      DATABASE_URL: databaseUrl(database),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_BACKEND: TEST_QUEUE_BACKEND,
      REDIS_PREFIX: `${redisPrefix()}_sigterm`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KYOSEI_DEMO_PASSWORD: TEST_PASSWORD,
    };
    expect(ADMIN_DATABASE_URL).toBeTruthy();
    const api = startBuilt('api', env);
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200,
        20_000,
        'the API to be ready',
      );
      const seed = startBuilt('cli', env, ['demo:seed']);
      expect(await seed.exited).toBe(0);

      // Sign-ins are slow on purpose (argon2id), so 50 of them are still running at the signal.
      let sent = 0;
      let answered = 0;
      let allSent!: () => void;
      const everySent = new Promise<void>((resolve) => (allSent = resolve));
      const replies = Array.from({ length: 50 }, () =>
        post(port, '/api/v1/auth/login', { email: 'admin@demo.city', password: TEST_PASSWORD }, () => {
          sent += 1;
          if (sent === 50) allSent();
        }).then((reply) => {
          answered += 1;
          return reply;
        }),
      );
      await everySent;
      await new Promise((resolve) => setTimeout(resolve, 30));
      const answeredAtSignal = answered;
      api.child.kill('SIGTERM');
      // While it drains, readiness says so: a load balancer stops sending new work.
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 503,
        900,
        'readiness to answer 503 while draining',
      );

      const results = await Promise.all(replies).catch((error: Error) => {
        throw new Error(`${error.message}; the API's output:\n${api.output().slice(-4000)}`);
      });
      expect(answeredAtSignal).toBeLessThan(50);
      expect(results.map((reply) => reply.status)).toEqual(Array(50).fill(200));
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('stopped cleanly');
    } finally {
      api.child.kill('SIGKILL');
    }
  }, 90_000);

  it('logs requests without query strings, cookies or personal data', async () => {
    const database = `kyosei_p_${runId()}_logs`;
    const port = await freePort();
    const env = {
      DATABASE_URL: databaseUrl(database),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_BACKEND: TEST_QUEUE_BACKEND,
      REDIS_PREFIX: `${redisPrefix()}_logs`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    const api = startBuilt('api', env);
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok, 20_000, 'the API');
      await fetch(`http://127.0.0.1:${port}/api/v1/users?q=Nguyen%20Van%20An`, {
        headers: { cookie: 'kyosei_session=secret-cookie' },
      });
      await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nguyen.van.an@example.com', password: 'hunter2-hunter2' }),
      });
      await waitFor(async () => api.output().includes('/api/v1/auth/login'), 5_000, 'the request log line');
      const logs = api.output();
      expect(logs).toContain('"path":"/api/v1/users"');
      expect(logs).not.toMatch(/Nguyen|nguyen|secret-cookie|hunter2/);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  }, 90_000);
});
