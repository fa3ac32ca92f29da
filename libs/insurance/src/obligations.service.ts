import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Clock, officeDate, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import type { EvaluateObligationsDto } from './evaluate-obligations.dto.js';
import { obligationsOf, type ObligationResult, type Scheme } from './obligations/index.js';

/** Obligations for a set of facts or for a resident on record; "today" is the office's date (Asia/Tokyo). */
@Injectable()
export class ObligationsService {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  evaluate(facts: EvaluateObligationsDto): ObligationResult[] {
    return obligationsOf({ ...facts, onDate: facts.onDate ?? officeDate(this.clock.now()) });
  }

  /**
   * A resident's obligations on a date from what the system holds: the register's facts and the
   * coverage periods in force that day. Employment facts arrive with [K5]; until then the
   * employees' schemes answer `unknown`, naming what is missing.
   */
  async forResident(ctx: RequestContext, residentId: string, on?: string): Promise<ObligationResult[]> {
    const onDate = on ?? officeDate(this.clock.now());
    const resident = await this.directory.insuranceFactsOf(residentId);
    if (!resident || !ctx.principal?.municipalityCodes.includes(resident.municipalityCode)) {
      throw ProblemException.notFound('Resident');
    }
    const periods: Array<{ scheme: string }> = await this.dataSource.query(
      `SELECT DISTINCT scheme FROM coverage_period
        WHERE resident_id = $1 AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $2::date)`,
      [residentId, onDate],
    );
    const covered = new Set(periods.map((period) => period.scheme as Scheme));
    const results = obligationsOf(
      {
        onDate,
        birthDate: resident.birthDate,
        registryCategory: resident.registryCategory,
        statusCode: resident.statusCode,
        hasResidentRecord:
          resident.registryCategory !== 'NOT_REGISTERED' && (!resident.movedOutOn || resident.movedOutOn > onDate),
        coveredByEmployeeHealthInsurance: covered.has('EHI'),
        // Public assistance is decided by the city's own welfare office, which would have told the
        // NHI desk; Kyosei keeps no such record yet, so a resident on record is taken as not on it.
        onPublicAssistance: false,
      },
      // What is on record decides "covered"; a gap is a requirement with no coverage on record.
      covered,
    );
    await this.audit.record(ctx, {
      action: 'obligations.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
      diff: { on: onDate },
    });
    return results;
  }
}
