import { parseConfig } from '@app/platform';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';

/**
 * docker-compose.yml cannot be run on the project's machines (no Docker engine): its shape is
 * checked here instead, against what the system needs to run and to keep its data.
 */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
}

const compose = load(readFileSync('docker-compose.yml', 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('runs PostgreSQL and Redis with health checks and data on named volumes', () => {
    expect(services.postgres.image).toMatch(/^postgres:1[5-9]$/);
    expect(services.redis.image).toMatch(/^redis:7/);
    for (const name of ['postgres', 'redis']) {
      expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
      const volume = services[name].volumes![0].split(':')[0];
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
  });

  it('keeps queued jobs: Redis with AOF persistence and no eviction', () => {
    const command = services.redis.command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('migrates and seeds before the API and the worker start, all from the one built image', () => {
    expect(services.migrate.command).toEqual(['node', 'dist/apps/cli/src/main.js', 'demo:seed']);
    expect(services.migrate.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    for (const name of ['api', 'worker']) {
      expect(services[name].build).toBe('.');
      expect(services[name].depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
      expect(services[name].command!.at(-1)).toBe(`dist/apps/${name}/src/main.js`);
    }
    expect(services.api.ports).toContain('3000:3000');
  });

  it('gives every process the same configuration, with the secrets required from the environment', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const environment = services[name].environment!;
      expect(environment.NODE_ENV).toBe('production');
      expect(environment.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(environment.REDIS_URL).toBe('redis://redis:6379');
      expect(environment.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
      expect(environment.DATA_HASH_KEY).toMatch(/^\$\{DATA_HASH_KEY:\?/);
    }
  });

  it('is a configuration the system accepts in production once the required secrets are given', () => {
    const secret = 'a-production-secret-of-more-than-32-characters';
    // Compose's interpolation: ${X:?message} requires X; ${X:-default} falls back to the default.
    const resolved = Object.fromEntries(
      Object.entries(services.api.environment!).map(([key, value]) => [
        key,
        String(value)
          .replace(/\$\{[A-Z_]+:\?[^}]*\}/g, secret)
          .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );
    expect(() => parseConfig(resolved)).not.toThrow();
  });
});
