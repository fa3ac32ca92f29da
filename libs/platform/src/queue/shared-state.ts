import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DataSource } from 'typeorm';

export interface CountedValue {
  value: string;
  /** Milliseconds until the value expires. */
  ttlMs: number;
}

/**
 * The little state processes share besides the database: expiring counters and markers
 * (login throttling, the worker's heartbeat) and a broadcast channel (session evictions).
 * Redis in production; a table and LISTEN/NOTIFY in embedded mode, where there is no Redis.
 */
export abstract class SharedState {
  abstract ping(): Promise<void>;
  abstract get(key: string): Promise<CountedValue | null>;
  /** Sets the value; it expires after `ttlSeconds`. */
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Adds one (a missing or expired key starts at 0 with a fresh `ttlSeconds`); returns the count. */
  abstract increment(key: string, ttlSeconds: number): Promise<number>;
  abstract delete(key: string): Promise<void>;
  abstract publish(channel: string, message: string): Promise<void>;
  /** Delivers every message published on the channel, by any process, until `close()`. */
  abstract subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  abstract close(): Promise<void>;
}

export class RedisSharedState extends SharedState {
  private subscriber: Redis | null = null;
  private readonly handlers = new Map<string, (message: string) => void>();

  constructor(private readonly redis: Redis) {
    super();
  }

  async ping(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected reply ${answer}`);
  }

  async get(key: string): Promise<CountedValue | null> {
    const [[, value], [, ttlMs]] = (await this.redis.multi().get(key).pttl(key).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    return value === null ? null : { value, ttlMs: Math.max(0, ttlMs) };
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const results = (await this.redis.multi().set(key, 0, 'EX', ttlSeconds, 'NX').incr(key).exec()) as [
      unknown,
      [unknown, number],
    ];
    return results[1][1];
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.redis.publish(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('message', (from: string, message: string) => this.handlers.get(from)?.(message));
    }
    this.handlers.set(channel, onMessage);
    await this.subscriber.subscribe(channel);
  }

  async close(): Promise<void> {
    for (const client of [this.subscriber, this.redis]) {
      await client?.quit().catch(() => client.disconnect());
    }
  }
}

/**
 * Embedded mode: an unlogged table (expiry checked on read, swept on write) and
 * LISTEN/NOTIFY on one dedicated connection for the broadcasts.
 */
export class PostgresSharedState extends SharedState {
  private readonly logger = new Logger(PostgresSharedState.name);
  private listener: pg.Client | null = null;
  private readonly handlers = new Map<string, (message: string) => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseUrl: string,
  ) {
    super();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async get(key: string): Promise<CountedValue | null> {
    const rows = (await this.dataSource.query(
      `SELECT value, greatest(0, (extract(epoch FROM expires_at - clock_timestamp()) * 1000)::bigint)::text AS ttl_ms
         FROM shared_state WHERE key = $1 AND expires_at > clock_timestamp()`,
      [key],
    )) as { value: string; ttl_ms: string }[];
    return rows[0] ? { value: rows[0].value, ttlMs: Number(rows[0].ttl_ms) } : null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO shared_state (key, value, expires_at) VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [key, value, ttlSeconds],
    );
    await this.sweep();
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const [{ value }] = (await this.dataSource.query(
      `INSERT INTO shared_state AS s (key, value, expires_at) VALUES ($1, '1', clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         value = CASE WHEN s.expires_at > clock_timestamp() THEN (s.value::bigint + 1)::text ELSE '1' END,
         expires_at = CASE WHEN s.expires_at > clock_timestamp() THEN s.expires_at ELSE excluded.expires_at END
       RETURNING value`,
      [key, ttlSeconds],
    )) as { value: string }[];
    await this.sweep();
    return Number(value);
  }

  async delete(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM shared_state WHERE key = $1', [key]);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, message]);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    if (!this.listener) {
      this.listener = new pg.Client({ connectionString: this.databaseUrl, application_name: 'kyosei-listen' });
      this.listener.on('notification', ({ channel: from, payload }) => this.handlers.get(from)?.(payload ?? ''));
      this.listener.on('error', (error) => this.logger.warn(`shared-state listener lost (${error.message})`));
      await this.listener.connect();
    }
    this.handlers.set(channel, onMessage);
    await this.listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Expired keys are removed now and then, so the table stays the size of what is live. */
  private async sweep(): Promise<void> {
    if (Math.random() < 0.01) {
      await this.dataSource.query('DELETE FROM shared_state WHERE expires_at <= clock_timestamp()');
    }
  }
}
