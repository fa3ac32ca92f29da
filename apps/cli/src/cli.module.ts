import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { MIGRATIONS } from '@app/migrations';
import { EmploymentModule } from '@app/employment';
import { InsuranceModule } from '@app/insurance';
import { ObligationsCommand, ObligationsEvaluateCommand } from './commands/obligations-evaluate.command.js';
import { MatchingModule } from '@app/matching';
import { MatchCommand } from './commands/match.command.js';
import { ResidentsModule } from '@app/residents';
import {
  type AppConfigValues,
  ConfigModule,
  DatabaseModule,
  DomainEventsModule,
  LoggingModule,
  QueueModule,
} from '@app/platform';
import { DemoPopulationCommand } from './commands/demo-population.command.js';
import { DemoSeedCommand } from './commands/demo-seed.command.js';
import { ImportCommand, ImportResidentsCommand } from './commands/import-residents.command.js';
import { MigrateCommand } from './commands/migrate.command.js';
import { BackupCommand, RestoreCommand } from './commands/backup.command.js';
import { OrgsCreateCommand } from './commands/orgs-create.command.js';
import { UsersCreateCommand } from './commands/users-create.command.js';

@Module({})
export class CliModule {
  static forRoot(config: AppConfigValues): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('kyosei-cli'),
        DatabaseModule.forRoot({
          migrations: MIGRATIONS,
          migrationsRun: false,
          applicationName: 'kyosei-cli',
          poolSize: 2,
        }),
        QueueModule.forRoot(),
        DomainEventsModule,
        AuditModule,
        IdentityModule,
        ResidentsModule,
        MatchingModule,
        InsuranceModule,
        EmploymentModule,
      ],
      providers: [
        MigrateCommand,
        BackupCommand,
        RestoreCommand,
        OrgsCreateCommand,
        UsersCreateCommand,
        DemoSeedCommand,
        DemoPopulationCommand,
        ImportCommand,
        ImportResidentsCommand,
        MatchCommand,
        ObligationsCommand,
        ObligationsEvaluateCommand,
      ],
    };
  }
}
