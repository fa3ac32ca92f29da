import { Injectable } from '@nestjs/common';
import { ResidentDirectory } from '@app/residents';
import { MatchAccumulator, prepareRecord, type ExternalRecord, type MatchOutcome } from './engine/match-engine.js';

export interface MatchOptions {
  /** Residents a reviewer already rejected for a record (by the record's index). */
  excluded?: (recordIndex: number, residentId: string) => boolean;
  /** Called now and then with the share of birth dates compared so far (0..1). */
  onProgress?: (share: number) => Promise<void>;
}

/**
 * Links external records (katakana names from insurance, pension or employers) to the residents
 * of one municipality. The public API of identity matching: match runs use it, and so do the
 * insurance and employment imports.
 */
@Injectable()
export class MatchingService {
  constructor(private readonly directory: ResidentDirectory) {}

  async match(
    municipalityCode: string,
    records: readonly ExternalRecord[],
    options: MatchOptions = {},
  ): Promise<MatchOutcome[]> {
    const accumulator = new MatchAccumulator(records.map(prepareRecord), options.excluded);
    const dates = accumulator.birthDates();
    let seen = 0;
    let lastReport = performance.now();
    for await (const residents of this.directory.bornOn(municipalityCode, dates)) {
      accumulator.add(residents);
      seen += 1;
      if (options.onProgress && performance.now() - lastReport > 1_000) {
        lastReport = performance.now();
        await options.onProgress(seen / dates.length);
      }
    }
    return records.map((_, index) => accumulator.outcome(index));
  }
}
