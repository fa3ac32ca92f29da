import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from '@app/notifications';
import { CasesModule } from '@app/cases';
import { IdentityModule } from '@app/identity';
import { MIGRATIONS } from '@app/migrations';
import { EmploymentModule } from '@app/employment';
import { InsuranceModule } from '@app/insurance';
import { LanguageModule } from '@app/language';
import { OrientationModule } from '@app/orientation';
import { ReportsModule } from '@app/reports';
import { SchoolingModule } from '@app/schooling';
import { MatchingModule } from '@app/matching';
import { ResidentsModule } from '@app/residents';
import {
  type AppConfigValues,
  ConfigModule,
  DatabaseModule,
  DomainEventsModule,
  HealthModule,
  LoggingModule,
  QueueModule,
} from '@app/platform';

@Module({})
export class AppModule {
  static forRoot(config: AppConfigValues): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('kyosei-api'),
        DatabaseModule.forRoot({
          migrations: MIGRATIONS,
          migrationsRun: true,
          applicationName: 'kyosei-api',
          poolSize: 20,
        }),
        QueueModule.forRoot(),
        DomainEventsModule,
        HealthModule,
        AuditModule,
        IdentityModule,
        ResidentsModule,
        MatchingModule,
        InsuranceModule,
        EmploymentModule,
        LanguageModule,
        OrientationModule,
        CasesModule,
        AlertsModule,
        NotificationsModule,
        SchoolingModule,
        ReportsModule,
      ],
    };
  }
}
