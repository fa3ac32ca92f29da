import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';
import { MatchingService } from './matching.service.js';
import { MatchReviewsService } from './runs/match-reviews.service.js';
import { MatchRunsController } from './runs/match-runs.controller.js';
import { MatchRunsService } from './runs/match-runs.service.js';

/** Identity matching: external katakana records linked to residents; match runs and their review queue. */
@Module({
  imports: [ResidentsModule],
  controllers: [MatchRunsController],
  providers: [MatchingService, MatchRunsService, MatchReviewsService],
  exports: [MatchingService, MatchRunsService],
})
export class MatchingModule {}
