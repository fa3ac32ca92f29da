import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { EmploymentModule } from '@app/employment';
import { InsuranceModule } from '@app/insurance';
import { LanguageModule } from '@app/language';
import { ResidentsModule } from '@app/residents';
import { AlertTriggers } from './alert-triggers.js';
import { AlertRulesController, AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
import { AlertEvaluators } from './evaluators.js';

/** Alerts: rule catalogue, alert lifecycle, evaluation on change (queued) and nightly sweep. */
@Module({
  imports: [ResidentsModule, InsuranceModule, LanguageModule, CasesModule, EmploymentModule],
  controllers: [AlertsController, AlertRulesController],
  providers: [AlertsService, AlertEvaluators, AlertTriggers],
  exports: [AlertsService],
})
export class AlertsModule {}
