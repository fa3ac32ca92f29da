import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { EmploymentRecordsService } from '@app/employment';
import type { DomainEventPayloads } from '@app/platform';
import { DataSource } from 'typeorm';
import { gapsOf, SCHEMES, type ObligationFacts, type Scheme } from '../obligations/index.js';
import { residentObligationFacts } from './register-facts.js';

/** How long another process's edits may go unseen (this process's own edits are seen at once). */
const FRESH_MS = 60_000;

type GapIds = Record<Scheme, string[]>;

interface Entry {
  at: number;
  value: Promise<GapIds>;
  refreshing: boolean;
}

/**
 * The residents with recorded facts or an employment on record who have a gap, per scheme, for a
 * municipality and a date. Their facts fall outside the decision table, so the engine decides
 * each of them; with thousands
 * of them that takes longer than a page may, so the answer is kept: dropped at once when this
 * process records facts or coverage for the municipality, refreshed in the background after a
 * minute (the stale answer is served meanwhile).
 */
@Injectable()
export class RecordedGaps {
  private readonly entries = new Map<string, Entry>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employment: EmploymentRecordsService,
  ) {}

  async of(municipalityCodes: readonly string[], scheme: Scheme, on: string): Promise<string[]> {
    const lists = await Promise.all(municipalityCodes.map((code) => this.entry(code, on)));
    return lists.flatMap((ids) => ids[scheme]);
  }

  /** Builds the answer for every municipality with recorded facts (at start-up, for today). */
  async warm(on: string): Promise<void> {
    const rows: Array<{ municipality_code: string }> = await this.dataSource.query(
      `SELECT DISTINCT municipality_code FROM resident_insurance_facts`,
    );
    await Promise.all(rows.map((row) => this.entry(row.municipality_code, on)));
  }

  @OnEvent('insurance-facts.changed')
  @OnEvent('coverage.changed')
  @OnEvent('employment.changed')
  forget(event: DomainEventPayloads['insurance-facts.changed']): void {
    this.forgetMunicipality(event.municipalityCode);
  }

  /** Drops the answers of a municipality: the next question evaluates its residents again. */
  forgetMunicipality(municipalityCode: string): void {
    for (const key of this.entries.keys()) {
      if (key.startsWith(`${municipalityCode}|`)) this.entries.delete(key);
    }
  }

  private async entry(municipalityCode: string, on: string): Promise<GapIds> {
    const key = `${municipalityCode}|${on}`;
    const entry = this.entries.get(key);
    if (!entry) {
      const fresh: Entry = { at: Date.now(), value: this.evaluate(municipalityCode, on), refreshing: false };
      this.entries.set(key, fresh);
      fresh.value.catch(() => this.entries.delete(key));
      if (this.entries.size > 64) this.entries.delete(this.entries.keys().next().value!);
      return fresh.value;
    }
    if (Date.now() - entry.at > FRESH_MS && !entry.refreshing) {
      entry.refreshing = true;
      const value = this.evaluate(municipalityCode, on);
      value.then(
        () => this.entries.get(key) === entry && this.entries.set(key, { at: Date.now(), value, refreshing: false }),
        () => (entry.refreshing = false),
      );
    }
    return entry.value;
  }

  private async evaluate(municipalityCode: string, on: string): Promise<GapIds> {
    const employed = await this.employment.employedOn({ municipalityCode }, on);
    const rows: Array<{
      id: string;
      birth_date: string;
      registry_category: string;
      status_code: string | null;
      moved_out_on: string | null;
      facts: Partial<ObligationFacts> | null;
      schemes: Scheme[] | null;
    }> = await this.dataSource.query(
      `WITH individual AS (
         SELECT resident_id FROM resident_insurance_facts WHERE municipality_code = $1
         UNION SELECT unnest($3::uuid[]))
       SELECT r.id, r.birth_date::text AS birth_date, r.registry_category, r.status_code,
              r.moved_out_on::text AS moved_out_on, f.facts, c.schemes
         FROM individual i
         JOIN resident_register r ON r.id = i.resident_id
         LEFT JOIN resident_insurance_facts f ON f.resident_id = r.id
         LEFT JOIN LATERAL (SELECT array_agg(DISTINCT c.scheme) AS schemes FROM coverage_period c
                             WHERE c.resident_id = r.id AND c.start_date <= $2::date
                               AND (c.end_date IS NULL OR c.end_date >= $2::date)) c ON true`,
      [municipalityCode, on, [...employed.keys()]],
    );
    const ids = Object.fromEntries(SCHEMES.map((scheme) => [scheme, [] as string[]])) as GapIds;
    for (const row of rows) {
      const covered = new Set(row.schemes ?? []);
      const resident = {
        birthDate: row.birth_date,
        registryCategory: row.registry_category,
        statusCode: row.status_code,
        movedOutOn: row.moved_out_on,
      };
      const recorded = { ...employed.get(row.id)?.facts, ...row.facts };
      const gaps = gapsOf(residentObligationFacts(resident, on, covered, recorded), covered);
      for (const scheme of SCHEMES) if (gaps[scheme] === true) ids[scheme].push(row.id);
    }
    return ids;
  }
}
