import { spawnSync } from 'node:child_process';

// Two projects: unit specs beside the code, e2e specs in test/ against real PostgreSQL and Redis.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  // Nest's ESM dependency chain must be transformed for swagger + fastify static under Jest.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  moduleNameMapper: {
    '^@app/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@app/identity$': '<rootDir>/libs/identity/src/index.ts',
    '^@app/audit$': '<rootDir>/libs/audit/src/index.ts',
    '^@app/residents$': '<rootDir>/libs/residents/src/index.ts',
    '^@app/matching$': '<rootDir>/libs/matching/src/index.ts',
    '^@app/insurance$': '<rootDir>/libs/insurance/src/index.ts',
    '^@app/employment$': '<rootDir>/libs/employment/src/index.ts',
    '^@app/language$': '<rootDir>/libs/language/src/index.ts',
    '^@app/orientation$': '<rootDir>/libs/orientation/src/index.ts',
    '^@app/schooling$': '<rootDir>/libs/schooling/src/index.ts',
    '^@app/reports$': '<rootDir>/libs/reports/src/index.ts',
    '^@app/cases$': '<rootDir>/libs/cases/src/index.ts',
    '^@app/alerts$': '<rootDir>/libs/alerts/src/index.ts',
    '^@app/notifications$': '<rootDir>/libs/notifications/src/index.ts',
    '^@app/migrations$': '<rootDir>/migrations/index.ts',
    '^@app/(platform|identity|audit|residents|matching|insurance|employment|language|orientation|cases|alerts|notifications|schooling|reports)/(.*)\\.js$':
      '<rootDir>/libs/$1/src/$2',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

/**
 * Which services the end-to-end tests must bring themselves (embedded mode): those asked for
 * with KYOSEI_EMBEDDED=1, or not answering on their default ports, unless a TEST_* URL (or the
 * queue backend) is given. Decided here, once, because it also sets how many files run at a time;
 * test/support/global-setup.ts acts on the variables set here. Jest reads its configuration
 * synchronously, so the ports are probed by a child process (exit status: bit 1 PostgreSQL, bit 2 Redis).
 */
function embeddedServices() {
  const forced = process.env.KYOSEI_EMBEDDED === '1';
  const ask = {
    postgres: !process.env.TEST_DATABASE_URL,
    redis: !process.env.TEST_REDIS_URL && !process.env.KYOSEI_TEST_QUEUE_BACKEND,
  };
  if (forced || !(ask.postgres || ask.redis)) return { postgres: forced && ask.postgres, redis: forced && ask.redis };
  const probe = `
    const { connect } = require('node:net');
    const answers = (port) => new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
      const done = (ok) => { socket.destroy(); resolve(ok); };
      socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
    });
    Promise.all([answers(5432), answers(6379)]).then(([pg, redis]) => process.exit((pg ? 0 : 1) | (redis ? 0 : 2)));`;
  const missing = spawnSync(process.execPath, ['-e', probe]).status ?? 3;
  return { postgres: ask.postgres && (missing & 1) !== 0, redis: ask.redis && (missing & 2) !== 0 };
}

const embedded = embeddedServices();
// Inherited by the global setup and every test worker.
if (embedded.postgres) process.env.KYOSEI_TEST_EMBEDDED_POSTGRES = '1';
if (embedded.redis) process.env.KYOSEI_TEST_QUEUE_BACKEND = 'postgres';

export default {
  // Applies to every project (a per-project testTimeout is ignored by Jest).
  testTimeout: 30_000,
  // Test files run two at a time: each end-to-end file has its own database and key prefix. In
  // embedded mode a second PostgreSQL shares the two cores, and two timing-sensitive tests (a
  // worker handing a job back, 50 sign-ins in flight at SIGTERM) failed under that load: one at a time.
  maxWorkers: embedded.postgres || embedded.redis ? 1 : 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test/fixtures'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
