import { z } from 'zod';

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user@host:5432/kyosei')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
  .refine((value) => URL.canParse(value) && new URL(value).pathname.length > 1, 'must name a database, e.g. /kyosei');

const redisUrl = z
  .string()
  .url('must be a URL such as redis://127.0.0.1:6379')
  .refine((value) => /^rediss?:\/\//.test(value), 'must start with redis:// or rediss://');

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Tokyo');

// A fixed development secret keeps the two-command quickstart working; production refuses it.
export const DEVELOPMENT_SESSION_SECRET = 'kyosei-development-secret-change-me-in-production!';
export const DEVELOPMENT_DATA_HASH_KEY = 'kyosei-development-data-key-change-me-in-production';

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/kyosei'),
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    // Where the queues live: Redis (production), or BullMQ's PostgreSQL backend in the same
    // database (embedded mode: nothing but Node.js installed).
    QUEUE_BACKEND: z.enum(['redis', 'postgres']).default('redis'),
    // Set by the run command when it started the embedded PostgreSQL; production refuses it
    // unless KYOSEI_ALLOW_EMBEDDED=1.
    KYOSEI_EMBEDDED: z.enum(['0', '1']).default('0'),
    KYOSEI_ALLOW_EMBEDDED: z.enum(['0', '1']).default('0'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only')
      .default('kyosei'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_SESSION_SECRET),
    // Key of the keyed hashes of identifiers (residence card numbers): lookups work, a leaked
    // table does not give the numbers back.
    DATA_HASH_KEY: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_DATA_HASH_KEY),
    APP_BASE_URL: z.string().url('must be a URL such as http://localhost:3000').default('http://localhost:3000'),
    SMTP_URL: z
      .string()
      .url('must be a URL such as smtp://127.0.0.1:1025')
      .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
      .default('smtp://127.0.0.1:1025'),
    // Where uploaded register extracts wait for the import job (shared by API and worker).
    IMPORT_DIR: z.string().min(1).default('var/imports'),
    // The built web UI (vite build), served at /.
    WEB_DIR: z.string().min(1).default('dist/web'),
    // Staged rows merged per transaction: the unit of resumption after a crash.
    IMPORT_SLICE_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
    // Newcomers (moved in within this many days) who have not attended orientation are invited.
    ORIENTATION_NEWCOMER_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
    // Published report cells under this count are hidden (small-cell suppression).
    REPORT_MIN_CELL: z.coerce.number().int().min(2).max(100).default(5),
    // Nightly report runs are kept this many years.
    REPORT_RETENTION_YEARS: z.coerce.number().int().min(3).max(30).default(3),
    TZ_OFFICE: timeZone.default('Asia/Tokyo'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(120),
    // How long a resolved session may be served from memory (0 = always ask PostgreSQL).
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    TRUST_PROXY: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
    // On SIGTERM the API keeps serving this long before it stops accepting, so requests
    // already sent (queued in the kernel or the event loop) are read and finished.
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SESSION_SECRET === DEVELOPMENT_SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be set in production' });
    }
    if (env.NODE_ENV === 'production' && env.DATA_HASH_KEY === DEVELOPMENT_DATA_HASH_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DATA_HASH_KEY'], message: 'must be set in production' });
    }
    const embedded = env.KYOSEI_EMBEDDED === '1' || env.QUEUE_BACKEND === 'postgres';
    if (env.NODE_ENV === 'production' && embedded && env.KYOSEI_ALLOW_EMBEDDED !== '1') {
      ctx.addIssue({
        code: 'custom',
        path: [env.KYOSEI_EMBEDDED === '1' ? 'KYOSEI_EMBEDDED' : 'QUEUE_BACKEND'],
        message:
          'embedded mode (embedded PostgreSQL, queues in PostgreSQL) is refused in production unless KYOSEI_ALLOW_EMBEDDED=1',
      });
    }
  });

export type AppConfigValues = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/**
 * Parses the environment once. Every problem is reported on a single line that names
 * the variable, so an operator sees at a glance what to fix.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): AppConfigValues {
  // Empty strings mean "unset" (a blank line in an .env file should not beat the default).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  // The first problem of each variable is enough to fix it.
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const name = issue.path.join('.');
    if (!problems.has(name)) problems.set(name, `${name}: ${issue.message}`);
  }
  throw new ConfigError(`Invalid configuration: ${[...problems.values()].join('; ')}`);
}
