import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AlertsModule, AlertsProcessor } from '@app/alerts';
import { AuditModule } from '@app/audit';
import { NotificationsModule, NotificationsProcessor } from '@app/notifications';
import { ReportsModule, ReportsProcessor } from '@app/reports';
import { SchoolingModule, SchoolingProcessor } from '@app/schooling';
import { EmploymentModule } from '@app/employment';
import { InsuranceModule } from '@app/insurance';
import { MIGRATIONS } from '@app/migrations';
import { MatchingModule, MatchRunsProcessor } from '@app/matching';
import { ImportsProcessor, ResidentsModule } from '@app/residents';
import {
  type AppConfigValues,
  ConfigModule,
  DatabaseModule,
  DomainEventsModule,
  LoggingModule,
  QueueModule,
} from '@app/platform';
import { MaintenanceProcessor } from './heartbeat.processor.js';
import { JobHandback } from './job-handback.js';
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
        DomainEventsModule,
        AuditModule,
        ResidentsModule,
        MatchingModule,
        // Apply coverage rolls and employer reports when their match run completes (match-run.completed).
        InsuranceModule,
        EmploymentModule,
        AlertsModule,
        NotificationsModule,
        SchoolingModule,
        ReportsModule,
        DiscoveryModule,
      ],
      providers: [
        // On SIGTERM, jobs still running when the grace period ends go back to their queues.
        JobHandback,
        MaintenanceProcessor,
        ImportsProcessor,
        MatchRunsProcessor,
        AlertsProcessor,
        NotificationsProcessor,
        SchoolingProcessor,
        ReportsProcessor,
        ...(options.schedules === false ? [] : [Schedules]),
      ],
    };
  }
}
