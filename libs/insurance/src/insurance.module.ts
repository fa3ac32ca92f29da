import { Module } from '@nestjs/common';
import { ObligationsController } from './obligations.controller.js';
import { ObligationsService } from './obligations.service.js';

/** Social insurance: the obligations engine (dated rules) and, next, coverage periods and gaps. */
@Module({
  controllers: [ObligationsController],
  providers: [ObligationsService],
  exports: [ObligationsService],
})
export class InsuranceModule {}
