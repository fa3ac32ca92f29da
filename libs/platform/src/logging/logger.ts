import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { AppConfigValues } from '../config/config.schema.js';

/**
 * Paths redacted wherever they appear in a log object. Requests are logged by method, path
 * and status only: no bodies, no query strings (a search for a name must not land in logs).
 */
export const REDACTED_PATHS = [
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  '*.password',
  '*.email',
  '*.name',
  '*.displayName',
  '*.familyName',
  '*.givenName',
  '*.kanjiName',
  '*.katakanaName',
  '*.commonName',
  '*.residenceCardNumber',
  '*.cardNumber',
  '*.token',
];

export function createRootLogger(config: Pick<AppConfigValues, 'LOG_LEVEL'>, service: string): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Nest's LoggerService on top of pino: one JSON line per message, with the Nest context. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest calls `logger.x(message, context)` or `logger.x(message, stack, context)`; our code
   * also calls `logger.x({ fields }, message)`. The last string argument is the context.
   */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof rest[0] === 'string' && rest.length > 1 ? (rest[0] as string) : undefined;
      this.pino[level]({ ...(message as object), context }, text ?? context ?? '');
      return;
    }
    if (message instanceof Error) {
      this.pino[level]({ err: message, context }, message.message);
      return;
    }
    const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
