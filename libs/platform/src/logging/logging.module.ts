import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config.js';
import { createRootLogger, PinoNestLogger } from './logger.js';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The process's pino logger and Nest's view of it (`app.useLogger(app.get(PinoNestLogger))`). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => createRootLogger(config.values, service),
        },
        { provide: PinoNestLogger, inject: [ROOT_LOGGER], useFactory: (root: Logger) => new PinoNestLogger(root) },
      ],
      exports: [ROOT_LOGGER, PinoNestLogger],
    };
  }
}
