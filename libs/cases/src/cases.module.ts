import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';
import { CasesController, ConsentsController, ReferralsController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { ConsentsService } from './consents.service.js';
import { ReferralsService } from './referrals.service.js';

/** The joint office: cases, notes, referrals between city and PESO, and the consents behind them. */
@Module({
  imports: [ResidentsModule],
  controllers: [CasesController, ReferralsController, ConsentsController],
  providers: [CasesService, ConsentsService, ReferralsService],
  exports: [CasesService],
})
export class CasesModule {}
