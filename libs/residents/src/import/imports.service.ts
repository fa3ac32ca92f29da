import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  csvLine,
  importJobId,
  JOB_OPTIONS,
  JobName,
  ProblemException,
  QueueName,
  type RequestContext,
} from '@app/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { countsOf, percentDone, ResidentImportService } from './resident-import.service.js';
import type { ImportRunResponse } from '../dto/resident-responses.dto.js';

/** What GET /api/v1/imports/:id answers (documented as ImportRunResponse). */
export type ImportRunView = ImportRunResponse;

/** Registers an import run and queues its job; the API and the CLI both come through here. */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.imports) private readonly queue: Queue,
    private readonly importer: ResidentImportService,
    private readonly audit: AuditService,
  ) {}

  async start(
    ctx: RequestContext,
    input: { municipalityCode: string; fileName: string; filePath: string },
  ): Promise<ImportRunView> {
    const principal = ctx.principal;
    if (principal && !principal.municipalityCodes.includes(input.municipalityCode)) {
      throw ProblemException.validation([{ field: 'municipality', reason: 'is not a municipality of your office' }]);
    }
    const importId = await this.importer.createRun({
      ...input,
      orgId: principal?.orgId ?? null,
      userId: principal?.userId ?? null,
    });
    await this.audit.record(ctx, {
      action: 'import.start',
      entity: 'import_run',
      entityId: importId,
      diff: { municipalityCode: input.municipalityCode },
    });
    await this.queue.add(
      JobName.importResidents,
      { importId },
      { ...JOB_OPTIONS[JobName.importResidents], jobId: importJobId(importId) },
    );
    return this.get(importId, principal?.municipalityCodes);
  }

  async get(id: string, visibleMunicipalities?: readonly string[]): Promise<ImportRunView> {
    const [row] = await this.dataSource.query(`SELECT * FROM import_run WHERE id = $1`, [id]);
    if (!row || (visibleMunicipalities && !visibleMunicipalities.includes(row.municipality_code))) {
      throw ProblemException.notFound('Import');
    }
    return {
      id: row.id,
      municipalityCode: row.municipality_code,
      fileName: row.file_name,
      status: row.status,
      encoding: row.encoding,
      percent: row.status === 'DONE' ? 100 : percentDone(row),
      ...countsOf(row),
      unknownColumns: row.unknown_columns,
      failure: row.failure,
      createdAt: row.created_at.toISOString(),
      startedAt: row.started_at?.toISOString() ?? null,
      finishedAt: row.finished_at?.toISOString() ?? null,
    };
  }

  /** The rejected lines as CSV (line, field, reason), for the clerk who fixes the extract. */
  async errorsCsv(id: string, visibleMunicipalities: readonly string[]): Promise<string> {
    await this.get(id, visibleMunicipalities);
    const errors = await this.importer.errors(id);
    return 'line,field,reason\n' + errors.map((e) => csvLine([e.line, e.field, e.reason])).join('');
  }
}
