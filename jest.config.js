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
 * Whether the end-to-end tests will run in embedded mode (see test/support/global-setup.ts):
 * asked for, or PostgreSQL or Redis not answering on their default ports. Jest reads its
 * configuration synchronously, so the ports are probed by a child process.
 */
function embeddedRun() {
  if (process.env.KYOSEI_EMBEDDED === '1') return true;
  if (process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL) return false;
  const probe = `
    const { connect } = require('node:net');
    const answers = (port) => new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
      const done = (ok) => { socket.destroy(); resolve(ok); };
      socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
    });
    Promise.all([answers(5432), answers(6379)]).then((ok) => process.exit(ok.every(Boolean) ? 0 : 1));`;
  return spawnSync(process.execPath, ['-e', probe]).status !== 0;
}

export default {
  // Applies to every project (a per-project testTimeout is ignored by Jest).
  testTimeout: 30_000,
  // Test files run two at a time: each end-to-end file has its own database and key prefix. In
  // embedded mode a second PostgreSQL shares the two cores, and two timing-sensitive tests (a
  // worker handing a job back, 50 sign-ins in flight at SIGTERM) failed under that load: one at a time.
  maxWorkers: embeddedRun() ? 1 : 2,
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
