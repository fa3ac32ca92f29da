import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Clock, officeDate, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import type { EvaluateObligationsDto } from './evaluate-obligations.dto.js';
import { EmploymentRecordsService } from '@app/employment';
import { ResidentFactsService } from './facts/resident-facts.service.js';
import { residentObligationFacts } from './gaps/register-facts.js';
import { obligationsOf, type ObligationResult, type Scheme } from './obligations/index.js';

/** The schemes an employment decides: their results name the employment record they read. */
/** A resident's obligations on a date, with the municipality whose rules apply. */
export interface ResidentObligations {
  municipalityCode: string;
  results: ObligationResult[];
}

export const EMPLOYMENT_SCHEMES: readonly Scheme[] = ['EHI', 'EPI', 'EI'];

/** Obligations for a set of facts or for a resident on record; "today" is the office's date (Asia/Tokyo). */
@Injectable()
export class ObligationsService {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly facts: ResidentFactsService,
    private readonly employment: EmploymentRecordsService,
  ) {}

  evaluate(facts: EvaluateObligationsDto): ObligationResult[] {
    return obligationsOf({ ...facts, onDate: facts.onDate ?? officeDate(this.clock.now()) });
  }

  /**
   * A resident's obligations on a date from what the system holds: the register's facts and the
   * coverage periods in force that day. Without a caller and unaudited, for the system's own use
   * (alert evaluation; `forResident` is the caller's way); null when there is no such resident.
   */
  async ofResident(residentId: string, onDate: string): Promise<ResidentObligations | null> {
    return (await this.ofResidents([residentId], onDate)).get(residentId) ?? null;
  }

  /** The same for many residents at once, in a fixed number of queries (absent ids are left out). */
  async ofResidents(residentIds: readonly string[], onDate: string): Promise<Map<string, ResidentObligations>> {
    const residents = await this.directory.insuranceFactsOfMany(residentIds);
    const ids = [...residents.keys()];
    if (ids.length === 0) return new Map();
    const periods: Array<{ resident_id: string; scheme: Scheme }> = await this.dataSource.query(
      `SELECT DISTINCT resident_id, scheme FROM coverage_period
        WHERE resident_id = ANY ($1::uuid[]) AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $2::date)`,
      [ids, onDate],
    );
    const coveredOf = new Map<string, Set<Scheme>>();
    for (const period of periods) {
      coveredOf.set(period.resident_id, (coveredOf.get(period.resident_id) ?? new Set()).add(period.scheme));
    }
    const recordedOf = await this.facts.factsOfMany(ids);
    const employedOf = await this.employment.employedOn({ residentIds: ids }, onDate);
    const answer = new Map<string, ResidentObligations>();
    for (const [residentId, resident] of residents) {
      // What is on record decides "covered"; a gap is a requirement with no coverage on record.
      const covered = coveredOf.get(residentId) ?? new Set<Scheme>();
      const employment = employedOf.get(residentId);
      // What a caseworker recorded wins over what an employer reported.
      const recorded = recordedOf.get(residentId) ?? {};
      const facts = residentObligationFacts(resident, onDate, covered, { ...employment?.facts, ...recorded });
      const results = obligationsOf(facts, covered).map((result) =>
        employment && EMPLOYMENT_SCHEMES.includes(result.scheme)
          ? { ...result, employmentRecordId: employment.employmentRecordId }
          : result,
      );
      answer.set(residentId, { municipalityCode: resident.municipalityCode, results });
    }
    return answer;
  }

  /** A resident's obligations for a caller who may see the resident (404 otherwise); audited. */
  async forResident(ctx: RequestContext, residentId: string, on?: string): Promise<ObligationResult[]> {
    const onDate = on ?? officeDate(this.clock.now());
    const found = await this.ofResident(residentId, onDate);
    if (!found || !ctx.principal?.municipalityCodes.includes(found.municipalityCode)) {
      throw ProblemException.notFound('Resident');
    }
    const results = found.results;
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
