import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../time/clock.js';
import { AppConfig } from './app-config.js';
import type { AppConfigValues } from './config.schema.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(values: AppConfigValues): DynamicModule {
    return {
      module: ConfigModule,
      // The Clock lives here, once for the whole process, so a test can replace "now" in one place.
      providers: [{ provide: AppConfig, useValue: new AppConfig(Object.freeze({ ...values })) }, Clock],
      exports: [AppConfig, Clock],
    };
  }
}
