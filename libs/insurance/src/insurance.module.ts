import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';
import { CoverageController } from './coverage/coverage.controller.js';
import { CoverageService } from './coverage/coverage.service.js';
import { ObligationsController, ResidentObligationsController } from './obligations.controller.js';
import { ObligationsService } from './obligations.service.js';

/** Social insurance: the obligations engine (dated rules) and coverage periods; next, gap lists. */
@Module({
  imports: [ResidentsModule],
  controllers: [ObligationsController, ResidentObligationsController, CoverageController],
  providers: [ObligationsService, CoverageService],
  exports: [ObligationsService, CoverageService],
})
export class InsuranceModule {}
