import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { EmploymentModule } from '@app/employment';
import { InsuranceModule } from '@app/insurance';
import { LanguageModule } from '@app/language';
import { NotificationsModule } from '@app/notifications';
import { OrientationModule } from '@app/orientation';
import { SchoolingModule } from '@app/schooling';
import { ResidentsModule } from '@app/residents';
import { AlertTriggers } from './alert-triggers.js';
import { AlertRulesController, AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
import { ResidentEvaluationBatcher } from './evaluation-batcher.js';
import { AlertEvaluators } from './evaluators.js';
import { NightlyReminders } from './nightly-reminders.js';

/** Alerts: rule catalogue, alert lifecycle, evaluation on change (queued), nightly sweep and nightly reminders. */
@Module({
  imports: [
    ResidentsModule,
    InsuranceModule,
    LanguageModule,
    CasesModule,
    EmploymentModule,
    NotificationsModule,
    OrientationModule,
    SchoolingModule,
  ],
  controllers: [AlertsController, AlertRulesController],
  providers: [AlertsService, AlertEvaluators, AlertTriggers, ResidentEvaluationBatcher, NightlyReminders],
  exports: [AlertsService, ResidentEvaluationBatcher, NightlyReminders],
})
export class AlertsModule {}
