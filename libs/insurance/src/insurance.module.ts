import { Module } from '@nestjs/common';
import { EmploymentModule } from '@app/employment';
import { MatchingModule } from '@app/matching';
import { ResidentsModule } from '@app/residents';
import { CoverageController } from './coverage/coverage.controller.js';
import { CoverageService } from './coverage/coverage.service.js';
import { ResidentFactsController } from './facts/resident-facts.controller.js';
import { ResidentFactsService } from './facts/resident-facts.service.js';
import { CoverageImportsController } from './imports/coverage-imports.controller.js';
import { CoverageImportsService } from './imports/coverage-imports.service.js';
import { CoverageGapsController, RenewalChecksController } from './gaps/coverage-gaps.controller.js';
import { CoverageGapsService } from './gaps/coverage-gaps.service.js';
import { RecordedGaps } from './gaps/recorded-gaps.js';
import { ObligationsController, ResidentObligationsController } from './obligations.controller.js';
import { ObligationsService } from './obligations.service.js';
import { SocialSecurityAgreementsController } from './agreements/social-security-agreements.controller.js';
import { PensionReliefController } from './relief/pension-relief.controller.js';
import { PensionReliefService } from './relief/pension-relief.service.js';

/** Social insurance: the obligations engine (dated rules), coverage periods, gap lists and the renewal check. */
@Module({
  imports: [ResidentsModule, MatchingModule, EmploymentModule],
  controllers: [
    ObligationsController,
    ResidentObligationsController,
    CoverageController,
    CoverageGapsController,
    CoverageImportsController,
    ResidentFactsController,
    RenewalChecksController,
    PensionReliefController,
    SocialSecurityAgreementsController,
  ],
  providers: [
    ObligationsService,
    CoverageService,
    CoverageGapsService,
    RecordedGaps,
    CoverageImportsService,
    ResidentFactsService,
    PensionReliefService,
  ],
  exports: [ObligationsService, CoverageService, CoverageGapsService],
})
export class InsuranceModule {}
