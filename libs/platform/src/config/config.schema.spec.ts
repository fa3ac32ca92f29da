import { parseConfig } from './config.schema.js';

describe('parseConfig', () => {
  it('defaults to the local PostgreSQL and Redis and the Tokyo office time zone', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/kyosei');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.TZ_OFFICE).toBe('Asia/Tokyo');
  });

  it('names the variable in a single line when a value is malformed', () => {
    expect(() => parseConfig({ DATABASE_URL: 'nonsense' })).toThrow(/^Invalid configuration: DATABASE_URL: [^\n]+$/);
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseConfig({ TZ_OFFICE: 'Mars/Olympus' })).toThrow(/TZ_OFFICE/);
    expect(() => parseConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
  });

  it('refuses the development session secret in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: must be set in production/);
  });
});
