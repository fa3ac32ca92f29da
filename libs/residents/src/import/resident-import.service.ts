import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  csvRecords,
  decodeStream,
  detectEncoding,
  officeDate,
  systemContext,
  type CsvRecord,
} from '@app/platform';
import { createHmac, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, type EntityManager } from 'typeorm';
import { nameForms } from '../names/name-forms.js';
import { syncNameForms } from '../names/name-store.js';
import { checkRow, IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn, type ImportRow } from './import-row.js';

export interface ImportCounts {
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  failedRows: number;
}

export interface ImportProgress extends ImportCounts {
  percent: number;
}

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

/**
 * Progress of a running import: reading the file into the staging table is the first half (by
 * bytes), merging the staged rows the second (by rows); 100 is kept for DONE.
 */
export function percentDone(run: {
  read_bytes: number | string;
  total_bytes: number | string | null;
  staged_rows: number | null;
  processed_rows: number;
}): number {
  const total = Number(run.total_bytes);
  if (run.staged_rows === null) return total ? Math.min(50, Math.floor((50 * Number(run.read_bytes)) / total)) : 0;
  return Math.min(99, 50 + Math.floor((49 * run.processed_rows) / Math.max(1, run.staged_rows)));
}

/** The file cannot be imported at all (e.g. a required column is missing): no retry helps. */
export class ImportFileError extends Error {}

interface ImportRunRow {
  id: string;
  org_id: string | null;
  created_by_user_id: string | null;
  municipality_code: string;
  file_path: string;
  status: string;
  processed_rows: number;
  staged_rows: number | null;
  columns: ImportColumn[] | null;
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
  preferred_language: ['preferred_language'],
  communication_level: ['communication_level'],
};
const NAME_COLUMNS: ImportColumn[] = [
  'family_name',
  'given_name',
  'middle_name',
  'kanji_name',
  'common_name',
  'common_name_kana',
  'kana_name',
];
const STATUS_FIELDS = ['registry_category', 'status_code', 'status_subtype', 'stay_period', 'stay_expiry_date'];
/** The name forms staged with each row: [form, staging column prefix, its value from the row]. */
const STAGED_FORMS = [
  ['ALPHABET', 'alphabet', `concat_ws(' ', s.family_name, s.given_name, s.middle_name)`],
  ['KANJI', 'kanji', 's.kanji_name'],
  ['COMMON', 'common', 's.common_name'],
  ['COMMON_KANA', 'common_kana', 's.common_name_kana'],
  ['KANA', 'kana', 's.kana_name'],
] as const;

/** Staging columns, in COPY order; the file's values typed, plus what Node computed per row. */
const STAGE_COLUMNS: Array<[string, string]> = [
  ['seq', 'int PRIMARY KEY'],
  ['line', 'int NOT NULL'],
  ['problems', 'jsonb'],
  ['new_id', 'uuid'],
  ['resident_key', 'text'],
  ['family_name', 'text'],
  ['given_name', 'text'],
  ['middle_name', 'text'],
  ['kanji_name', 'text'],
  ['common_name', 'text'],
  ['common_name_kana', 'text'],
  ['kana_name', 'text'],
  ['birth_date', 'date'],
  ['sex', 'text'],
  ['nationality', 'text'],
  ['registry_category', 'text'],
  ['status_code', 'text'],
  ['status_subtype', 'text'],
  ['stay_period', 'text'],
  ['stay_expiry_date', 'date'],
  ['card_number_hash', 'bytea'],
  ['card_number_last4', 'text'],
  ['postal_code', 'text'],
  ['address', 'text'],
  ['household_key', 'text'],
  ['household_head', 'text'],
  ['moved_in_on', 'date'],
  ['moved_out_on', 'date'],
  ['preferred_language', 'text'],
  ['communication_level', 'text'],
  ['event', 'text'],
  ...STAGED_FORMS.flatMap(([, prefix]): Array<[string, string]> => [
    [`${prefix}_script`, 'text'],
    [`${prefix}_normalized`, 'text'],
  ]),
  ['line_hash', 'bigint'],
];

const KNOWN = new Set<string>(IMPORT_COLUMNS);
/** The empty columns of a staged line that holds only its problems. */
const NO_VALUES = '\t\\N'.repeat(STAGE_COLUMNS.length - 3);

/**
 * 52 bits identifying "the same line as last time": two 32-bit multiplicative (FNV-1a style) hashes
 * over the header and the line as written, finalized and joined. Not cryptographic — the file
 * comes from the city's own register — but ~10x cheaper than SHA-1 here, and with a million
 * residents the odds that a changed line looks unchanged are about 1 in 4 billion.
 */
function lineHasher(header: string): (text: string) => number {
  const seed = (a: number, b: number, text: string): [number, number] => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 2246822519);
    }
    return [a, b];
  };
  const [a0, b0] = seed(0x811c9dc5, 0x9e3779b9, `${header}\n`);
  return (text) => {
    let [a, b] = seed(a0, b0, text);
    a = Math.imul(a ^ (a >>> 15), 2246822507);
    b = Math.imul(b ^ (b >>> 13), 3266489909);
    return (b >>> 0) * 2 ** 20 + ((a ^ (a >>> 16)) >>> 12);
  };
}

/** A staged line that holds only its problems. */
function rejectedLine(seq: number, line: number, problems: Array<[string | null, string]>): string {
  return `${seq}\t${line}\t${copyText(JSON.stringify(problems))}${NO_VALUES}\n`;
}

/**
 * A copy of a short string that does not point into the string it was cut from (V8 keeps the
 * whole decoded chunk alive behind a slice of 13 characters or more).
 */
function flatCopy(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

/** A value in COPY's text format: \N for NULL, backslash escapes for the four special characters. */
function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** Time-ordered uuid (v7 layout): new residents' ids land at the end of the primary-key index. */
function timeOrderedUuid(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15, 18)}-${random.slice(19, 23)}-${random.slice(24)}`;
}

/**
 * Loads a Basic Resident Register extract in two steps.
 * 1. Stage: the file is streamed (never whole in memory; UTF-8 or CP932; header-driven), each line
 *    checked and its names normalized here, and everything COPYed into an unlogged staging table in
 *    one transaction that also records the row count: a killed run either has all of it or none.
 * 2. Merge: slices of staged rows are applied set-based — a few statements per slice, whatever its
 *    size — each slice committing its rows, errors and the checkpoint together, so a killed run
 *    resumes at the next slice, and a re-run of the same file changes nothing (unchanged rows are
 *    not written at all).
 */
@Injectable()
export class ResidentImportService {
  private readonly logger = new Logger(ResidentImportService.name);
  /** Staged rows merged per transaction: large enough for set-based speed, small enough to resume. */
  sliceSize: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.sliceSize = config.get('IMPORT_SLICE_ROWS');
  }

  async run(
    importId: string,
    onProgress: (progress: ImportProgress) => Promise<void> = async () => {},
  ): Promise<ImportCounts> {
    let run = await this.load(importId);
    if (run.status === 'DONE') return this.counts(importId);
    await this.dropAbandonedStages();
    const started = performance.now();
    if (run.staged_rows === null) {
      await this.stage(run, onProgress);
      run = await this.load(importId);
    }
    const staged = performance.now();
    const columns = new Set(run.columns ?? []);
    while (run.processed_rows < run.staged_rows!) {
      const counts = await this.mergeSlice(run, columns);
      run.processed_rows = counts.processedRows;
      await onProgress({ ...counts, percent: percentDone({ ...run, read_bytes: 0, total_bytes: 0 }) });
    }
    await this.dataSource.query(
      `UPDATE import_run SET status = 'DONE', read_bytes = total_bytes, finished_at = now(), updated_at = now() WHERE id = $1`,
      [importId],
    );
    await this.dataSource.query(`DROP TABLE IF EXISTS ${this.stageTable(importId)}`);
    const counts = await this.counts(importId);
    // A large load changes the tables' statistics at once; without them plans go wrong until
    // autovacuum comes by.
    // The same for the words' GIN index: its pending list is searched linearly by every query.
    if (counts.insertedRows + counts.updatedRows > 10_000) {
      await this.dataSource.query(`ANALYZE resident, resident_name, household`);
      await this.dataSource.query(`SELECT gin_clean_pending_list('resident_name_tokens'::regclass)`);
    }
    // The run is the unit of audit for what an import wrote: who started it, and what it changed.
    await this.audit.record(systemContext(`import-${importId}`), {
      action: 'import.finish',
      entity: 'import_run',
      entityId: importId,
      actorUserId: run.created_by_user_id,
      actorOrgId: run.org_id,
      diff: { ...counts },
    });
    const seconds = (from: number, to: number) => Math.round(to - from) / 1000;
    this.logger.log(
      { importId, ...counts, stageSeconds: seconds(started, staged), mergeSeconds: seconds(staged, performance.now()) },
      'resident import done',
    );
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

  async counts(importId: string, manager: EntityManager = this.dataSource.manager): Promise<ImportCounts> {
    const [row] = await manager.query(
      `SELECT processed_rows, inserted_rows, updated_rows, unchanged_rows, failed_rows FROM import_run WHERE id = $1`,
      [importId],
    );
    return countsOf(row);
  }

  private async load(importId: string): Promise<ImportRunRow> {
    const [run] = (await this.dataSource.query(`SELECT * FROM import_run WHERE id = $1`, [importId])) as ImportRunRow[];
    if (!run) throw new ImportFileError(`import ${importId} does not exist`);
    return run;
  }

  /** Staging tables of runs that ended (FAILED, or DONE but interrupted before their cleanup). */
  private async dropAbandonedStages(): Promise<void> {
    const stale: Array<{ name: string }> = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_class c
         JOIN import_run r ON c.relname = 'import_stage_' || replace(r.id::text, '-', '')
        WHERE c.relkind = 'r' AND r.status IN ('DONE', 'FAILED')`,
    );
    for (const { name } of stale) await this.dataSource.query(`DROP TABLE IF EXISTS ${name}`);
  }

  private stageTable(importId: string): string {
    return `import_stage_${importId.replace(/-/g, '')}`;
  }

  private async fail(importId: string, failure: string): Promise<never> {
    await this.dataSource.query(
      `UPDATE import_run SET status = 'FAILED', failure = $2, finished_at = now(), updated_at = now() WHERE id = $1`,
      [importId, failure],
    );
    throw new ImportFileError(failure);
  }

  /** Step 1: the whole file into the staging table, in one transaction with the row count. */
  private async stage(run: ImportRunRow, onProgress: (progress: ImportProgress) => Promise<void>): Promise<void> {
    const totalBytes = (await stat(run.file_path)).size;
    const encoding = await detectEncoding(run.file_path);
    await this.dataSource.query(
      `UPDATE import_run SET status = 'RUNNING', encoding = $2, total_bytes = $3, read_bytes = 0,
              started_at = coalesce(started_at, now()), updated_at = now() WHERE id = $1`,
      [run.id, encoding, totalBytes],
    );
    const statuses = new Map(
      (
        (await this.dataSource.query(`SELECT code, subtypes FROM status_of_residence`)) as Array<{
          code: string;
          subtypes: string[];
        }>
      ).map((row) => [row.code, row.subtypes]),
    );
    const source = createReadStream(run.file_path, { highWaterMark: 1 << 20 });
    const records = csvRecords(decodeStream(source, encoding) as AsyncIterable<string>);
    const header = await records.next();
    if (header.done) return this.fail(run.id, 'the file is empty');
    const columns = header.value.cells.map((name) =>
      name
        .trim()
        .toLowerCase()
        .replace(/^\uFEFF/, ''),
    );
    const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length) return this.fail(run.id, `required columns missing: ${missing.join(', ')}`);
    const repeated = columns.filter((column, index) => KNOWN.has(column) && columns.indexOf(column) !== index);
    if (repeated.length) return this.fail(run.id, `columns given twice: ${[...new Set(repeated)].join(', ')}`);
    const present = columns.filter((column): column is ImportColumn => KNOWN.has(column));
    // Unknown columns are reported once, on the run, and never fatal.
    const unknown = columns.filter((column) => !KNOWN.has(column));

    const hashKey = this.config.get('DATA_HASH_KEY');
    const lineHash = lineHasher(columns.join(','));
    const keyIndex = columns.indexOf('resident_key');
    // The key of a line recognised from its text; the first cell of a quote-free line needs no split.
    const keyOf = (record: CsvRecord) =>
      keyIndex === 0 && !record.text.includes('"')
        ? record.text.slice(0, (record.text.indexOf(',') + 1 || record.text.length + 1) - 1)
        : record.cells[keyIndex];
    const known = await this.knownLineHashes(run.municipality_code);
    let seq = 0;
    let lastProgress = performance.now();
    const reportProgress = async () => {
      lastProgress = performance.now();
      await this.dataSource.query(`UPDATE import_run SET read_bytes = $2, updated_at = now() WHERE id = $1`, [
        run.id,
        source.bytesRead,
      ]);
      await onProgress({
        ...(await this.counts(run.id)),
        percent: percentDone({
          read_bytes: source.bytesRead,
          total_bytes: totalBytes,
          staged_rows: null,
          processed_rows: 0,
        }),
      });
    };
    // The first line of each resident_key among the acceptable lines: a key given again is rejected.
    // Keys are copied out of the decoded text, which they would otherwise keep in memory.
    const firstLineOf = new Map<string, number>();
    const seen = (key: string, line: number): number | undefined => {
      const first = firstLineOf.get(key);
      if (first === undefined) firstLineOf.set(key, line);
      return first;
    };
    const duplicate = (seq: number, line: number, first: number) =>
      rejectedLine(seq, line, [['resident_key', `same resident_key as line ${first}`]]);
    const stagedLines = async function* (this: ResidentImportService): AsyncGenerator<string> {
      let chunk = '';
      for await (const record of records) {
        seq += 1;
        const lineId = record.malformed ? null : lineHash(record.text);
        if (lineId !== null && known.has(lineId)) {
          // The line that last set this resident, as it was: nothing to check, compare or write,
          // so nothing is staged (the merge counts the lines it does not find as unchanged).
          const first = seen(flatCopy(keyOf(record).trim()), record.line);
          if (first !== undefined) chunk += duplicate(seq, record.line, first);
        } else {
          const staged = this.stagedLine(
            seq,
            record.line,
            record.cells,
            record.malformed,
            columns,
            statuses,
            hashKey,
            lineId,
          );
          const first = staged.key === undefined ? undefined : seen(flatCopy(staged.key), record.line);
          chunk += first === undefined ? staged.copy : duplicate(seq, record.line, first);
        }
        if (chunk.length > 65_536) {
          yield chunk;
          chunk = '';
          if (performance.now() - lastProgress > 1_000) await reportProgress();
        }
      }
      if (chunk) yield chunk;
    }.call(this);

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const table = this.stageTable(run.id);
    try {
      await runner.startTransaction();
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
      await runner.query(
        `CREATE UNLOGGED TABLE ${table} (${STAGE_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
      );
      const client = (await runner.connect()) as PoolClient;
      await pipeline(
        Readable.from(stagedLines),
        client.query(copyFrom(`COPY ${table} (${STAGE_COLUMNS.map(([name]) => name).join(', ')}) FROM STDIN`)),
      );
      await runner.query(
        `UPDATE import_run SET staged_rows = $2, columns = $3, unknown_columns = $4, read_bytes = $5, updated_at = now()
          WHERE id = $1`,
        [run.id, seq, present, unknown, source.bytesRead],
      );
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The line hashes of this municipality's residents as the last import left them. */
  private async knownLineHashes(municipalityCode: string): Promise<Set<number>> {
    if (!/^\d{6}$/.test(municipalityCode)) throw new ImportFileError(`bad municipality code ${municipalityCode}`);
    const known = new Set<number>();
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const stream = client.query(
        copyTo(
          `COPY (SELECT import_line_hash FROM resident
                  WHERE municipality_code = '${municipalityCode}' AND import_line_hash IS NOT NULL) TO STDOUT`,
        ),
      );
      let rest = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const lines = (rest + chunk.toString('latin1')).split('\n');
        rest = lines.pop()!;
        for (const line of lines) known.add(Number(line));
      }
    } finally {
      await runner.release();
    }
    return known;
  }

  /**
   * One data line in COPY text format: checked, cleaned, names normalized, card number hashed;
   * with its resident_key when the line is acceptable.
   */
  private stagedLine(
    seq: number,
    line: number,
    cells: string[],
    malformed: string | undefined,
    columns: string[],
    statuses: ReadonlyMap<string, readonly string[]>,
    hashKey: string,
    lineId: number | null,
  ): { copy: string; key?: string } {
    const rejected = (problems: Array<[string | null, string]>) => ({ copy: rejectedLine(seq, line, problems) });
    if (malformed) return rejected([[null, malformed]]);
    if (cells.length > columns.length) {
      return rejected([[null, `the line has ${cells.length} cells; the header has ${columns.length}`]]);
    }
    const input: ImportRow = {};
    for (let i = 0; i < cells.length; i++) {
      const column = columns[i] as ImportColumn;
      if (!KNOWN.has(column)) continue;
      const value = cells[i].trim();
      if (value !== '') input[column] = value;
    }
    const { row, problems } = checkRow(input, statuses);
    if (problems.length) return rejected(problems.map((p) => [p.field, p.reason]));
    const forms = nameForms({
      family: row.family_name!,
      given: row.given_name,
      middle: row.middle_name,
      kanji: row.kanji_name,
      common: row.common_name,
      commonKana: row.common_name_kana,
      kana: row.kana_name,
    });
    const card = row.residence_card_number;
    const values = [
      timeOrderedUuid(),
      row.resident_key,
      row.family_name,
      row.given_name,
      row.middle_name,
      row.kanji_name,
      row.common_name,
      row.common_name_kana,
      row.kana_name,
      row.birth_date,
      row.sex,
      row.nationality,
      row.registry_category ?? 'MID_LONG_TERM',
      row.status_code,
      row.status_subtype,
      row.stay_period,
      row.stay_expiry_date,
      card ? `\\x${createHmac('sha256', hashKey).update(card).digest('hex')}` : null,
      card?.slice(-4),
      row.postal_code,
      row.address,
      row.household_key,
      row.household_head,
      row.moved_in_on,
      row.moved_out_on,
      row.preferred_language,
      row.communication_level,
      row.event,
      ...STAGED_FORMS.flatMap(([name]) => {
        const form = forms.find((candidate) => candidate.form === name);
        return [form?.script, form?.normalized];
      }),
    ];
    return { copy: `${seq}\t${line}\t\\N\t${values.map(copyText).join('\t')}\t${lineId}\n`, key: row.resident_key };
  }

  /** Step 2, one slice: errors, households, new and changed residents, names, status history, heads. */
  private async mergeSlice(run: ImportRunRow, columns: Set<ImportColumn>): Promise<ImportCounts> {
    const table = this.stageTable(run.id);
    const from = run.processed_rows;
    const to = Math.min(run.staged_rows!, from + this.sliceSize);
    const today = officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
    const has = (column: ImportColumn) => columns.has(column);
    const fields = [...columns].flatMap((column) => FIELDS_OF[column] ?? []);
    const namesFields = NAME_COLUMNS.filter(has);
    const statusFields = STATUS_FIELDS.filter((field) => fields.includes(field));
    const distinct = (list: string[]) =>
      list.length
        ? `ROW(${list.map((f) => `r.${f}`).join(', ')}) IS DISTINCT FROM ROW(${list.map((f) => `s.${f}`).join(', ')})`
        : 'false';
    return this.dataSource.transaction(async (tx) => {
      const m = run.municipality_code;
      // The run's row is locked first: a worker killed mid-slice may leave its transaction running
      // (or committing) in the server for a moment; the next attempt waits for it here and then sees
      // its checkpoint, instead of merging the same slice a second time.
      const [current] = await tx.query(`SELECT processed_rows FROM import_run WHERE id = $1 FOR UPDATE`, [run.id]);
      if (current.processed_rows !== from) return this.counts(run.id, tx);
      // The usual night: every line of the slice is the one that set its resident (none staged).
      const [[skipped]] = await tx.query(
        `UPDATE import_run SET processed_rows = $2, unchanged_rows = unchanged_rows + ($2 - $3), updated_at = now()
          WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM ${table} WHERE seq > $3 AND seq <= $2)
          RETURNING processed_rows, inserted_rows, updated_rows, unchanged_rows, failed_rows`,
        [run.id, to, from],
      );
      if (skipped) return countsOf(skipped);
      await tx.query(
        `INSERT INTO import_error (import_id, line, field, reason)
         SELECT $1, s.line, p ->> 0, p ->> 1 FROM ${table} s, jsonb_array_elements(s.problems) p
          WHERE s.seq > $2 AND s.seq <= $3 AND s.problems IS NOT NULL`,
        [run.id, from, to],
      );
      if (has('household_key')) {
        await tx.query(
          `INSERT INTO household (municipality_code, household_key)
           SELECT DISTINCT $1, household_key FROM ${table}
            WHERE seq > $2 AND seq <= $3 AND problems IS NULL AND household_key IS NOT NULL
           ON CONFLICT (municipality_code, household_key) WHERE household_key IS NOT NULL DO NOTHING`,
          [m, from, to],
        );
      }
      // The slice, each row beside the resident it updates (if any) and what differs.
      await tx.query(`DROP TABLE IF EXISTS import_slice`);
      await tx.query(
        `CREATE TEMP TABLE import_slice ON COMMIT DROP AS
         SELECT s.*, r.id AS existing_id, coalesce(r.id, s.new_id) AS resident_id,
                coalesce(h.id, r.household_id) AS new_household_id,
                CASE WHEN s.event = 'MOVED_OUT' THEN coalesce(s.moved_out_on, r.moved_out_on, $3::date)
                     WHEN ${has('moved_out_on')} THEN s.moved_out_on ELSE r.moved_out_on END AS new_moved_out_on,
                r.id IS NULL OR ${distinct(fields)}
                  OR r.household_id IS DISTINCT FROM coalesce(h.id, r.household_id)
                  OR r.moved_out_on IS DISTINCT FROM (CASE WHEN s.event = 'MOVED_OUT' THEN coalesce(s.moved_out_on, r.moved_out_on, $3::date)
                     WHEN ${has('moved_out_on')} THEN s.moved_out_on ELSE r.moved_out_on END) AS changed,
                r.id IS NULL OR ${distinct(namesFields)} AS names_changed,
                r.id IS NULL OR ${distinct(statusFields)} AS status_changed
           FROM ${table} s
           LEFT JOIN resident r ON r.municipality_code = $1 AND r.resident_key = s.resident_key
           LEFT JOIN household h ON h.municipality_code = $1 AND h.household_key = s.household_key
          WHERE s.seq > $2 AND s.seq <= $4 AND s.problems IS NULL`,
        [m, from, today, to],
      );
      const all = [...Object.values(FIELDS_OF).flat()];
      await tx.query(
        `INSERT INTO resident (id, municipality_code, resident_key, ${all.join(', ')}, moved_out_on, household_id,
                               import_line_hash)
         SELECT resident_id, $1, resident_key, ${all.join(', ')}, new_moved_out_on, new_household_id, line_hash
           FROM import_slice WHERE existing_id IS NULL`,
        [m],
      );
      await tx.query(
        `UPDATE resident r SET (${[...fields, 'moved_out_on', 'household_id', 'import_line_hash'].join(', ')})
                             = ROW(${[...fields.map((f) => `s.${f}`), 's.new_moved_out_on', 's.new_household_id', 's.line_hash'].join(', ')}),
                version = r.version + 1, updated_at = now()
           FROM import_slice s WHERE r.id = s.existing_id AND s.changed`,
      );
      // Rows already as the file says, but not (or no longer) marked as set by this line: mark
      // them, so the next run skips them unread. Not a change of the record: no new version.
      await tx.query(
        `UPDATE resident r SET import_line_hash = s.line_hash
           FROM import_slice s
          WHERE r.id = s.existing_id AND NOT s.changed AND r.import_line_hash IS DISTINCT FROM s.line_hash`,
      );
      await this.mergeNames(tx, m, columns);
      await tx.query(
        `INSERT INTO status_history (resident_id, registry_category, status_code, status_subtype, stay_period, stay_expiry_date, source)
         SELECT r.id, r.registry_category, r.status_code, r.status_subtype, r.stay_period, r.stay_expiry_date, 'IMPORT'
           FROM import_slice s JOIN resident r ON r.id = s.resident_id WHERE s.status_changed`,
      );
      if (has('household_head')) {
        await tx.query(
          `UPDATE household h SET head_resident_id = s.resident_id, version = h.version + 1, updated_at = now()
             FROM import_slice s
            WHERE s.household_head = 'Y' AND h.id = s.new_household_id AND h.head_resident_id IS DISTINCT FROM s.resident_id`,
        );
      }
      // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
      const [[row]] = await tx.query(
        `UPDATE import_run SET processed_rows = $2,
                inserted_rows = inserted_rows + c.inserted, updated_rows = updated_rows + c.updated,
                -- Lines of the slice not staged were recognised as unchanged while staging.
                unchanged_rows = unchanged_rows + c.unchanged + ($2::int - $3::int - st.staged),
                failed_rows = failed_rows + st.rejected,
                updated_at = now()
           FROM (SELECT count(*) FILTER (WHERE existing_id IS NULL) AS inserted,
                        count(*) FILTER (WHERE existing_id IS NOT NULL AND changed) AS updated,
                        count(*) FILTER (WHERE NOT changed) AS unchanged FROM import_slice) c,
                (SELECT count(*) AS staged, count(*) FILTER (WHERE problems IS NOT NULL) AS rejected
                   FROM ${table} WHERE seq > $3 AND seq <= $2) st
          WHERE id = $1
          RETURNING processed_rows, inserted_rows, updated_rows, unchanged_rows, failed_rows`,
        [run.id, to, from],
      );
      return countsOf(row);
    });
  }

  /**
   * Name forms of new residents and of those whose names changed. When the file has every name
   * column, the forms normalized while staging are inserted as they are; otherwise the stored
   * record supplies the missing parts, so the forms are rebuilt from it.
   */
  private async mergeNames(tx: EntityManager, municipalityCode: string, columns: Set<ImportColumn>): Promise<void> {
    if (!NAME_COLUMNS.every((column) => columns.has(column))) {
      const ids: Array<{ resident_id: string }> = await tx.query(
        `SELECT resident_id FROM import_slice WHERE names_changed`,
      );
      if (ids.length)
        await syncNameForms(
          tx,
          ids.map((row) => row.resident_id),
        );
      return;
    }
    await tx.query(
      `DELETE FROM resident_name WHERE resident_id IN (SELECT existing_id FROM import_slice WHERE names_changed)`,
    );
    const forms = STAGED_FORMS.map(
      ([form, prefix, value]) => `('${form}', ${value}, s.${prefix}_script, s.${prefix}_normalized)`,
    );
    await tx.query(
      `INSERT INTO resident_name (resident_id, municipality_code, form, value, script, normalized)
       SELECT s.resident_id, $1, f.form, f.value, f.script, f.normalized
         FROM import_slice s CROSS JOIN LATERAL (VALUES ${forms.join(', ')}) AS f(form, value, script, normalized)
        WHERE s.names_changed AND f.normalized IS NOT NULL`,
      [municipalityCode],
    );
  }
}
