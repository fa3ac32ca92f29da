import type { AppConfigValues } from './config.schema.js';

/** Injectable, read-only view of the validated environment. */
export class AppConfig {
  constructor(readonly values: Readonly<AppConfigValues>) {}

  get<K extends keyof AppConfigValues>(key: K): AppConfigValues[K] {
    return this.values[key];
  }

  get isProduction(): boolean {
    return this.values.NODE_ENV === 'production';
  }
}
