import { Injectable } from '@nestjs/common';
import { Clock, officeDate } from '@app/platform';
import type { EvaluateObligationsDto } from './evaluate-obligations.dto.js';
import { obligationsOf, type ObligationResult } from './obligations/index.js';

/** Obligations for a set of facts; "today" is the office's date (Asia/Tokyo) unless one is given. */
@Injectable()
export class ObligationsService {
  constructor(private readonly clock: Clock) {}

  evaluate(facts: EvaluateObligationsDto): ObligationResult[] {
    return obligationsOf({ ...facts, onDate: facts.onDate ?? officeDate(this.clock.now()) });
  }
}
