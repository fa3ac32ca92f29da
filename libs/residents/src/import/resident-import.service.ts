import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppConfig, Clock, flattenValidationErrors, officeDate, systemContext } from '@app/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse';
import { createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { nameForms } from '../names/name-forms.js';
import { decodeStream, detectEncoding } from './decode.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, ResidentImportRow, type ImportColumn } from './import-row.js';

export interface ImportCounts {
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  failedRows: number;
}

export interface ImportProgress extends ImportCounts {
  readBytes: number;
  totalBytes: number;
}

const changedRows = (counts: ImportCounts): number => counts.insertedRows + counts.updatedRows;

/** The counters of an import_run row (snake_case columns) as ImportCounts. */
export function countsOf(row: Record<string, number>): ImportCounts {
  return {
    processedRows: row.processed_rows,
    insertedRows: row.inserted_rows,
    updatedRows: row.updated_rows,
    unchangedRows: row.unchanged_rows,
    failedRows: row.failed_rows,
  };
}

/** Progress of a running import by bytes read; 100 is kept for DONE. */
export function percentDone(readBytes: number, totalBytes: number | null): number {
  return totalBytes ? Math.min(99, Math.floor((100 * readBytes) / totalBytes)) : 0;
}

/** The file cannot be imported at all (e.g. a required column is missing): no retry helps. */
export class ImportFileError extends Error {}

interface RowError {
  line: number;
  field: string | null;
  reason: string;
}

interface ValidRow {
  line: number;
  row: ResidentImportRow;
}

/** Database columns filled from each file column; a column the file lacks is left as it is. */
const FIELDS_OF: Partial<Record<ImportColumn, string[]>> = {
  family_name: ['family_name'],
  given_name: ['given_name'],
  middle_name: ['middle_name'],
  kanji_name: ['kanji_name'],
  common_name: ['common_name'],
  common_name_kana: ['common_name_kana'],
  kana_name: ['kana_name'],
  birth_date: ['birth_date'],
  sex: ['sex'],
  nationality: ['nationality'],
  registry_category: ['registry_category'],
  status_code: ['status_code'],
  status_subtype: ['status_subtype'],
  stay_period: ['stay_period'],
  stay_expiry_date: ['stay_expiry_date'],
  residence_card_number: ['card_number_hash', 'card_number_last4'],
  postal_code: ['postal_code'],
  address: ['address'],
  moved_in_on: ['moved_in_on'],
  moved_out_on: ['moved_out_on'],
  preferred_language: ['preferred_language'],
  communication_level: ['communication_level'],
};

interface ImportRunRow {
  id: string;
  org_id: string | null;
  created_by_user_id: string | null;
  municipality_code: string;
  file_path: string;
  status: string;
  processed_rows: number;
}

const KNOWN = new Set<string>(IMPORT_COLUMNS);

/**
 * Loads a Basic Resident Register extract: streamed (never the whole file in memory), UTF-8 or
 * CP932, header-driven, upserted in batches by (municipality, resident_key). Each batch commits
 * its rows, its errors and the checkpoint together, so a killed run resumes where it stopped
 * and a re-run of the same file changes nothing.
 */
@Injectable()
export class ResidentImportService {
  private readonly logger = new Logger(ResidentImportService.name);
  /** Rows per transaction: large enough for speed, small enough that a kill loses little work. */
  batchSize = 1_000;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async run(
    importId: string,
    onProgress: (progress: ImportProgress) => Promise<void> = async () => {},
  ): Promise<ImportCounts> {
    const [run] = (await this.dataSource.query(`SELECT * FROM import_run WHERE id = $1`, [importId])) as ImportRunRow[];
    if (!run) throw new ImportFileError(`import ${importId} does not exist`);
    if (run.status === 'DONE') return this.counts(importId);
    const totalBytes = (await stat(run.file_path)).size;
    const encoding = await detectEncoding(run.file_path);
    await this.dataSource.query(
      `UPDATE import_run SET status = 'RUNNING', encoding = $2, total_bytes = $3, started_at = coalesce(started_at, now()),
              updated_at = now() WHERE id = $1`,
      [importId, encoding, totalBytes],
    );
    const statuses = await this.statusSubtypes();
    const source = createReadStream(run.file_path);
    const parser = decodeStream(source, encoding).pipe(
      parse({
        columns: (header: string[]) => {
          const names = this.checkHeader(importId, header);
          for (const name of names) if (KNOWN.has(name)) columns.add(name as ImportColumn);
          return names;
        },
        skip_empty_lines: true,
        relax_column_count: true,
        trim: true,
        info: true,
      }),
    );
    const alreadyDone = run.processed_rows;
    const columns = new Set<ImportColumn>();
    let dataRows = 0;
    let batch: Array<{ line: number; record: Record<string, string> }> = [];
    const flush = async () => {
      const counts = await this.commitBatch(run, batch, dataRows, statuses, columns, source.bytesRead);
      batch = [];
      await onProgress({ ...counts, readBytes: source.bytesRead, totalBytes });
    };
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        dataRows += 1;
        if (dataRows <= alreadyDone) continue; // committed by an earlier, interrupted run
        batch.push({ line: info.lines, record });
        if (batch.length >= this.batchSize) await flush();
      }
      if (batch.length) await flush();
    } catch (error) {
      const failure =
        error instanceof ImportFileError ? error.message : `the file could not be read: ${(error as Error).message}`;
      if (error instanceof ImportFileError || (error as { code?: string }).code?.startsWith('CSV_')) {
        await this.dataSource.query(
          `UPDATE import_run SET status = 'FAILED', failure = $2, finished_at = now(), updated_at = now() WHERE id = $1`,
          [importId, failure],
        );
        throw new ImportFileError(failure);
      }
      throw error;
    }
    await this.dataSource.query(
      `UPDATE import_run SET status = 'DONE', read_bytes = total_bytes, finished_at = now(), updated_at = now() WHERE id = $1`,
      [importId],
    );
    // A large load changes the tables' statistics at once; without them search plans go wrong
    // until autovacuum comes by.
    if (changedRows(await this.counts(importId)) > 10_000)
      await this.dataSource.query(`ANALYZE resident, resident_name, household`);
    const counts = await this.counts(importId);
    // The run is the unit of audit for what an import wrote: who started it, and what it changed.
    await this.audit.record(systemContext(`import-${importId}`), {
      action: 'import.finish',
      entity: 'import_run',
      entityId: importId,
      actorUserId: run.created_by_user_id,
      actorOrgId: run.org_id,
      diff: { ...counts },
    });
    this.logger.log({ importId, ...counts }, 'resident import done');
    return counts;
  }

  /** Registers a file to import; the job (worker or CLI) then runs it. */
  async createRun(input: {
    municipalityCode: string;
    fileName: string;
    filePath: string;
    orgId: string | null;
    userId: string | null;
  }): Promise<string> {
    const [row] = await this.dataSource.query(
      `INSERT INTO import_run (municipality_code, file_name, file_path, org_id, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.municipalityCode, input.fileName, input.filePath, input.orgId, input.userId],
    );
    return row.id as string;
  }

  async errors(importId: string): Promise<Array<{ line: number; field: string | null; reason: string }>> {
    return this.dataSource.query(
      `SELECT line, field, reason FROM import_error WHERE import_id = $1 ORDER BY line, field`,
      [importId],
    );
  }

  async counts(importId: string): Promise<ImportCounts> {
    const [row] = await this.dataSource.query(
      `SELECT processed_rows, inserted_rows, updated_rows, unchanged_rows, failed_rows FROM import_run WHERE id = $1`,
      [importId],
    );
    return countsOf(row);
  }

  private checkHeader(importId: string, header: string[]): string[] {
    const columns = header.map((name) =>
      name
        .trim()
        .toLowerCase()
        .replace(/^\uFEFF/, ''),
    );
    const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length) throw new ImportFileError(`required columns missing: ${missing.join(', ')}`);
    const unknown = columns.filter((column) => !KNOWN.has(column));
    // Reported once on the run, not per row, and never fatal.
    if (unknown.length) {
      void this.dataSource
        .query(`UPDATE import_run SET unknown_columns = $2 WHERE id = $1`, [importId, unknown])
        .catch((error: Error) => this.logger.warn(`could not record unknown columns: ${error.message}`));
    }
    return columns;
  }

  private async statusSubtypes(): Promise<Map<string, string[]>> {
    const rows: Array<{ code: string; subtypes: string[] }> = await this.dataSource.query(
      `SELECT code, subtypes FROM status_of_residence`,
    );
    return new Map(rows.map((row) => [row.code, row.subtypes]));
  }

  private async validateRows(
    batch: Array<{ line: number; record: Record<string, string> }>,
    statuses: Map<string, string[]>,
  ): Promise<{ valid: ValidRow[]; errors: RowError[] }> {
    const valid: ValidRow[] = [];
    const errors: RowError[] = [];
    const keys = new Map<string, number>();
    for (const { line, record } of batch) {
      const plain: Partial<Record<ImportColumn, string>> = {};
      for (const column of IMPORT_COLUMNS) {
        const value = record[column];
        if (value !== undefined && value !== '') plain[column] = value;
      }
      const row = plainToInstance(ResidentImportRow, plain);
      const problems = flattenValidationErrors(await validate(row, { stopAtFirstError: true })).map((p) => ({
        line,
        field: p.field,
        reason: p.reason,
      }));
      if (row.status_code && !statuses.has(row.status_code)) {
        problems.push({ line, field: 'status_code', reason: `unknown status of residence ${row.status_code}` });
      } else if (
        row.status_subtype &&
        !(row.status_code && statuses.get(row.status_code)?.includes(row.status_subtype))
      ) {
        problems.push({
          line,
          field: 'status_subtype',
          reason: `${row.status_code ?? 'no status'} has no subtype ${row.status_subtype}`,
        });
      }
      if (row.resident_key && keys.has(row.resident_key)) {
        problems.push({
          line,
          field: 'resident_key',
          reason: `same resident_key as line ${keys.get(row.resident_key)}`,
        });
      }
      if (problems.length) {
        errors.push(...problems);
        continue;
      }
      keys.set(row.resident_key, line);
      valid.push({ line, row });
    }
    return { valid, errors };
  }

  private async commitBatch(
    run: ImportRunRow,
    batch: Array<{ line: number; record: Record<string, string> }>,
    processedRows: number,
    statuses: Map<string, string[]>,
    columns: Set<ImportColumn>,
    readBytes: number,
  ): Promise<ImportCounts> {
    const { valid, errors } = await this.validateRows(batch, statuses);
    const failedLines = new Set(errors.map((error) => error.line)).size;
    return this.dataSource.transaction(async (tx) => {
      const changed = valid.length
        ? await this.upsert(tx, run.municipality_code, valid, columns)
        : { inserted: 0, updated: 0 };
      if (errors.length) {
        await tx.query(
          `INSERT INTO import_error (import_id, line, field, reason)
           SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
          [run.id, errors.map((e) => e.line), errors.map((e) => e.field), errors.map((e) => e.reason)],
        );
      }
      const [row] = await tx.query(
        `UPDATE import_run SET processed_rows = $2, inserted_rows = inserted_rows + $3, updated_rows = updated_rows + $4,
                unchanged_rows = unchanged_rows + $5, failed_rows = failed_rows + $6, read_bytes = $7, updated_at = now()
          WHERE id = $1
          RETURNING processed_rows, inserted_rows, updated_rows, unchanged_rows, failed_rows`,
        [
          run.id,
          processedRows,
          changed.inserted,
          changed.updated,
          valid.length - changed.inserted - changed.updated,
          failedLines,
          readBytes,
        ],
      );
      return countsOf(row[0]);
    });
  }

  /** One statement for the batch; rows whose values did not change are not touched at all. */
  private async upsert(
    tx: EntityManager,
    municipalityCode: string,
    rows: ValidRow[],
    columns: Set<ImportColumn>,
  ): Promise<{ inserted: number; updated: number }> {
    const today = officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
    const key = this.config.get('DATA_HASH_KEY');
    const input = rows.map(({ row }) => ({
      resident_key: row.resident_key,
      family_name: row.family_name,
      given_name: row.given_name,
      middle_name: row.middle_name ?? null,
      kanji_name: row.kanji_name ?? null,
      common_name: row.common_name ?? null,
      common_name_kana: row.common_name_kana ?? null,
      kana_name: row.kana_name ?? null,
      birth_date: row.birth_date,
      sex: row.sex,
      nationality: row.nationality,
      registry_category: row.registry_category ?? 'MID_LONG_TERM',
      status_code: row.status_code ?? null,
      status_subtype: row.status_subtype ?? null,
      stay_period: row.stay_period ?? null,
      stay_expiry_date: row.stay_expiry_date ?? null,
      card_hash: row.residence_card_number
        ? createHmac('sha256', key).update(row.residence_card_number).digest('hex')
        : null,
      card_last4: row.residence_card_number?.slice(-4) ?? null,
      postal_code: row.postal_code ?? null,
      address: row.address ?? null,
      moved_in_on: row.moved_in_on ?? null,
      moved_out_on: row.moved_out_on ?? null,
      preferred_language: row.preferred_language ?? null,
      communication_level: row.communication_level ?? null,
      event: row.event ?? null,
    }));
    const all = `family_name, given_name, middle_name, kanji_name, common_name, common_name_kana, kana_name, birth_date,
      sex, nationality, registry_category, status_code, status_subtype, stay_period, stay_expiry_date, card_number_hash,
      card_number_last4, postal_code, address, moved_in_on, moved_out_on, preferred_language, communication_level`;
    // Updates touch only the columns the file has; inserts take all (absent ones empty).
    const present = [...columns].flatMap((column) => FIELDS_OF[column] ?? []);
    const updated = present.join(', ');
    const excluded = present.map((field) => `EXCLUDED.${field}`).join(', ');
    const current = present.map((field) => `r.${field}`).join(', ');
    const changed: Array<{ id: string; resident_key: string; inserted: boolean; status_changed: boolean }> =
      await tx.query(
        `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(
           resident_key text, family_name text, given_name text, middle_name text, kanji_name text, common_name text,
           common_name_kana text, kana_name text, birth_date date, sex text, nationality text, registry_category text,
           status_code text, status_subtype text, stay_period text, stay_expiry_date date, card_hash text, card_last4 text,
           postal_code text, address text, moved_in_on date, moved_out_on date, preferred_language text,
           communication_level text, event text)
       ), old AS (
         SELECT r.resident_key, r.registry_category, r.status_code, r.status_subtype, r.stay_period, r.stay_expiry_date
           FROM resident r JOIN input i ON r.municipality_code = $1 AND r.resident_key = i.resident_key
       ), upserted AS (
         INSERT INTO resident AS r (municipality_code, resident_key, ${all})
         SELECT $1, resident_key, family_name, given_name, middle_name, kanji_name, common_name, common_name_kana,
                kana_name, birth_date, sex, nationality, registry_category, status_code, status_subtype, stay_period,
                stay_expiry_date, decode(card_hash, 'hex'), card_last4, postal_code, address, moved_in_on,
                coalesce(moved_out_on, CASE WHEN event = 'MOVED_OUT' THEN $3::date END), preferred_language, communication_level
           FROM input
         ON CONFLICT (municipality_code, resident_key) WHERE resident_key IS NOT NULL DO UPDATE
           SET (${updated}) = ROW(${excluded}), version = r.version + 1, updated_at = now()
           WHERE ROW(${current}) IS DISTINCT FROM ROW(${excluded})
         RETURNING r.id, r.resident_key, (r.xmax = 0) AS inserted, r.registry_category, r.status_code, r.status_subtype,
                   r.stay_period, r.stay_expiry_date
       )
       SELECT u.id, u.resident_key, u.inserted,
              (o.resident_key IS NULL OR (o.registry_category, o.status_code, o.status_subtype, o.stay_period, o.stay_expiry_date)
                IS DISTINCT FROM (u.registry_category, u.status_code, u.status_subtype, u.stay_period, u.stay_expiry_date))
                AS status_changed
         FROM upserted u LEFT JOIN old o ON o.resident_key = u.resident_key`,
        [municipalityCode, JSON.stringify(input), today],
      );
    const movedOut = await this.movedOut(tx, municipalityCode, rows, today, changed);
    if (changed.length) await this.afterUpsert(tx, municipalityCode, rows, changed);
    await this.households(tx, municipalityCode, rows);
    const inserted = changed.filter((row) => row.inserted).length;
    return { inserted, updated: changed.length - inserted + movedOut };
  }

  /**
   * event=MOVED_OUT ends the residence (moved_out_on = the row's date or today); the record and
   * its history stay. Returns how many rows this changed that the upsert had not already changed.
   */
  private async movedOut(
    tx: EntityManager,
    municipalityCode: string,
    rows: ValidRow[],
    today: string,
    changed: Array<{ resident_key: string }>,
  ): Promise<number> {
    const moves = rows.filter(({ row }) => row.event === 'MOVED_OUT');
    if (!moves.length) return 0;
    const touched: Array<{ resident_key: string }> = await tx
      .query(
        `UPDATE resident r SET moved_out_on = m.moved_out_on, version = r.version + 1, updated_at = now()
         FROM unnest($2::text[], $3::date[]) AS m(resident_key, moved_out_on)
        WHERE r.municipality_code = $1 AND r.resident_key = m.resident_key AND r.moved_out_on IS DISTINCT FROM m.moved_out_on
        RETURNING r.resident_key`,
        [municipalityCode, moves.map(({ row }) => row.resident_key), moves.map(({ row }) => row.moved_out_on ?? today)],
      )
      .then((result: [Array<{ resident_key: string }>, number] | Array<{ resident_key: string }>) =>
        Array.isArray(result[0])
          ? (result[0] as Array<{ resident_key: string }>)
          : (result as Array<{ resident_key: string }>),
      );
    const already = new Set(changed.map((row) => row.resident_key));
    return touched.filter((row) => !already.has(row.resident_key)).length;
  }

  /** Name forms and status history of the rows that were inserted or changed. */
  private async afterUpsert(
    tx: EntityManager,
    municipalityCode: string,
    rows: ValidRow[],
    changed: Array<{ id: string; resident_key: string; status_changed: boolean }>,
  ): Promise<void> {
    const byKey = new Map(rows.map(({ row }) => [row.resident_key, row]));
    const ids = changed.map((row) => row.id);
    await tx.query(`DELETE FROM resident_name WHERE resident_id = ANY($1::uuid[])`, [ids]);
    const names = changed.flatMap(({ id, resident_key }) => {
      const row = byKey.get(resident_key)!;
      return nameForms({
        family: row.family_name,
        given: row.given_name,
        middle: row.middle_name,
        kanji: row.kanji_name,
        common: row.common_name,
        commonKana: row.common_name_kana,
        kana: row.kana_name,
      }).map((name) => [id, name.form, name.value, name.script, name.normalized]);
    });
    if (names.length) {
      await tx.query(
        `INSERT INTO resident_name (resident_id, municipality_code, form, value, script, normalized)
         SELECT id, $1, form, value, script, normalized
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, form, value, script, normalized)`,
        [municipalityCode, ...[0, 1, 2, 3, 4].map((index) => names.map((name) => name[index]))],
      );
    }
    const statusChanged = changed.filter((row) => row.status_changed).map((row) => row.id);
    if (statusChanged.length) {
      await tx.query(
        `INSERT INTO status_history (resident_id, registry_category, status_code, status_subtype, stay_period, stay_expiry_date, source)
         SELECT id, registry_category, status_code, status_subtype, stay_period, stay_expiry_date, 'IMPORT'
           FROM resident WHERE id = ANY($1::uuid[])`,
        [statusChanged],
      );
    }
  }

  /** household_key and household_head: create households, move members, set heads (only where different). */
  private async households(tx: EntityManager, municipalityCode: string, rows: ValidRow[]): Promise<void> {
    const members = rows.filter(({ row }) => row.household_key);
    if (!members.length) return;
    const residentKeys = members.map(({ row }) => row.resident_key);
    const householdKeys = members.map(({ row }) => row.household_key!);
    await tx.query(
      `INSERT INTO household (municipality_code, household_key)
       SELECT DISTINCT $1, key FROM unnest($2::text[]) AS key
       ON CONFLICT (municipality_code, household_key) WHERE household_key IS NOT NULL DO NOTHING`,
      [municipalityCode, householdKeys],
    );
    await tx.query(
      `UPDATE resident r SET household_id = h.id, version = r.version + 1, updated_at = now()
         FROM unnest($2::text[], $3::text[]) AS m(resident_key, household_key)
         JOIN household h ON h.municipality_code = $1 AND h.household_key = m.household_key
        WHERE r.municipality_code = $1 AND r.resident_key = m.resident_key AND r.household_id IS DISTINCT FROM h.id`,
      [municipalityCode, residentKeys, householdKeys],
    );
    const heads = members.filter(({ row }) => row.household_head === 'Y');
    if (heads.length) {
      await tx.query(
        `UPDATE household h SET head_resident_id = r.id, version = h.version + 1, updated_at = now()
           FROM unnest($2::text[], $3::text[]) AS m(resident_key, household_key)
           JOIN resident r ON r.municipality_code = $1 AND r.resident_key = m.resident_key
          WHERE h.municipality_code = $1 AND h.household_key = m.household_key
            AND h.head_resident_id IS DISTINCT FROM r.id`,
        [municipalityCode, heads.map(({ row }) => row.resident_key), heads.map(({ row }) => row.household_key!)],
      );
    }
  }
}
