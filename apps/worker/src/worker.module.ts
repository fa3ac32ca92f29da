import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { MIGRATIONS } from '@app/migrations';
import { MatchingModule, MatchRunsProcessor } from '@app/matching';
import { ImportsProcessor, ResidentsModule } from '@app/residents';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, type AppConfigValues } from '@app/platform';
import { MaintenanceProcessor } from './heartbeat.processor.js';
import { Schedules } from './schedules.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfigValues, options: { schedules?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('kyosei-worker'),
        DatabaseModule.forRoot({
          migrations: MIGRATIONS,
          migrationsRun: false,
          applicationName: 'kyosei-worker',
          poolSize: 5,
        }),
        QueueModule.forRoot(),
        AuditModule,
        ResidentsModule,
        MatchingModule,
      ],
      providers: [
        MaintenanceProcessor,
        ImportsProcessor,
        MatchRunsProcessor,
        ...(options.schedules === false ? [] : [Schedules]),
      ],
    };
  }
}
