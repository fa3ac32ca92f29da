import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ProblemException, type RequestContext } from '@app/platform';

/** What identity matching may know of a resident: names in every form, birth date, sex, nationality. */
export interface ResidentCandidate {
  id: string;
  residentKey: string | null;
  birthDate: string;
  sex: string;
  nationality: string;
  familyName: string;
  givenName: string | null;
  middleName: string | null;
  kanjiName: string | null;
  commonName: string | null;
  commonNameKana: string | null;
  kanaName: string | null;
}

const COLUMNS = [
  'id',
  'resident_key',
  'birth_date',
  'sex',
  'nationality',
  'family_name',
  'given_name',
  'middle_name',
  'kanji_name',
  'common_name',
  'common_name_kana',
  'kana_name',
] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the insurance rules need to know of a resident. */
export interface ResidentInsuranceFacts {
  municipalityCode: string;
  birthDate: string;
  registryCategory: string;
  statusCode: string | null;
  movedOutOn: string | null;
}

/**
 * The registry's public read side for other domains: residents looked up by what an external
 * record carries, without those domains reading the registry's tables. Set-based queries of other
 * domains read the `resident_register` view instead (migration 1765200000000).
 */
@Injectable()
export class ResidentDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The municipality's residents born on any of `birthDates`, one array per birth date in date
   * order. Streamed with COPY so that a match run over a million residents holds one date's
   * residents at a time, not the register.
   */
  async *bornOn(municipalityCode: string, birthDates: Iterable<string>): AsyncGenerator<ResidentCandidate[]> {
    if (!/^\d{6}$/.test(municipalityCode)) throw new Error(`bad municipality code ${municipalityCode}`);
    const dates = [...new Set(birthDates)].filter((date) => ISO_DATE.test(date)).sort();
    if (dates.length === 0) return;
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      // COPY takes no parameters: both literals are checked against strict patterns above.
      const stream = client.query(
        copyTo(
          `COPY (SELECT ${COLUMNS.join(', ')} FROM resident
                  WHERE municipality_code = '${municipalityCode}'
                    AND birth_date = ANY('{${dates.join(',')}}'::date[])
                  ORDER BY birth_date) TO STDOUT`,
        ),
      );
      let rest = '';
      let group: ResidentCandidate[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop()!;
        for (const line of lines) {
          const candidate = candidateOf(line.split('\t').map(copyText));
          if (group.length > 0 && group[0].birthDate !== candidate.birthDate) {
            yield group;
            group = [];
          }
          group.push(candidate);
        }
      }
      if (group.length > 0) yield group;
    } finally {
      await runner.release();
    }
  }

  /** What the insurance rules need to know of a resident, or null when there is no such resident. */
  async insuranceFactsOf(id: string): Promise<ResidentInsuranceFacts | null> {
    return (await this.insuranceFactsOfMany([id])).get(id) ?? null;
  }

  /** The same for many residents in one query (absent ids are left out). */
  async insuranceFactsOfMany(ids: readonly string[]): Promise<Map<string, ResidentInsuranceFacts>> {
    if (ids.length === 0) return new Map();
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `SELECT id, municipality_code, birth_date::text AS birth_date, registry_category, status_code,
              moved_out_on::text AS moved_out_on
         FROM resident WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id!,
        {
          municipalityCode: row.municipality_code!,
          birthDate: row.birth_date!,
          registryCategory: row.registry_category!,
          statusCode: row.status_code,
          movedOutOn: row.moved_out_on,
        },
      ]),
    );
  }

  /** Every status-of-residence code a resident may hold. */
  async statusCodes(): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.dataSource.query(
      `SELECT code FROM status_of_residence ORDER BY code`,
    );
    return rows.map((row) => row.code);
  }

  /**
   * The resident's municipality when it is one of the caller's; otherwise 404, not 403, so that
   * another office's resident ids give nothing away.
   */
  async visibleMunicipalityOf(ctx: RequestContext, residentId: string): Promise<string> {
    const municipality = await this.municipalityOf(residentId);
    if (!municipality || !ctx.principal?.municipalityCodes.includes(municipality)) {
      throw ProblemException.notFound('Resident');
    }
    return municipality;
  }

  /** Registry category and status of many residents at once (absent ids are left out). */
  async statusesOf(
    ids: readonly string[],
  ): Promise<Map<string, { registryCategory: string; statusCode: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; registry_category: string; status_code: string | null }> =
      await this.dataSource.query(
        `SELECT id, registry_category, status_code FROM resident WHERE id = ANY ($1::uuid[])`,
        [ids],
      );
    return new Map(
      rows.map((row) => [row.id, { registryCategory: row.registry_category, statusCode: row.status_code }]),
    );
  }

  /** The resident's municipality, or null when there is no such resident. */
  async municipalityOf(id: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT municipality_code FROM resident WHERE id = $1`, [id]);
    return row?.municipality_code ?? null;
  }

  /**
   * Who to write to about each child: their guardians on record who still live here on `on`, or,
   * when none is recorded, the head of their household. Children with neither are left out.
   */
  async guardiansOf(childIds: readonly string[], on: string): Promise<Map<string, string[]>> {
    if (childIds.length === 0) return new Map();
    const rows: Array<{ child_id: string; guardian_id: string }> = await this.dataSource.query(
      `SELECT g.child_id, g.guardian_id FROM guardian_link g JOIN resident gr ON gr.id = g.guardian_id
        WHERE g.child_id = ANY ($1::uuid[]) AND (gr.moved_out_on IS NULL OR gr.moved_out_on > $2::date)
       UNION
       SELECT c.id, h.head_resident_id FROM resident c JOIN household h ON h.id = c.household_id
         JOIN resident hr ON hr.id = h.head_resident_id
        WHERE c.id = ANY ($1::uuid[]) AND h.head_resident_id <> c.id
          AND (hr.moved_out_on IS NULL OR hr.moved_out_on > $2::date)
          AND NOT EXISTS (SELECT 1 FROM guardian_link g WHERE g.child_id = c.id)`,
      [childIds, on],
    );
    const answer = new Map<string, string[]>();
    for (const row of rows) answer.set(row.child_id, [...(answer.get(row.child_id) ?? []), row.guardian_id]);
    return answer;
  }

  /** The municipality of each of many residents (absent ids are left out). */
  async municipalitiesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; municipality_code: string }> = await this.dataSource.query(
      `SELECT id, municipality_code FROM resident WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.municipality_code]));
  }

  /** The named residents of the municipalities given (others are silently absent). */
  async byIds(municipalityCodes: readonly string[], ids: readonly string[]): Promise<ResidentCandidate[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<(typeof COLUMNS)[number], string | null>> = await this.dataSource.query(
      `SELECT ${COLUMNS.join(', ')}, birth_date::text AS birth_date FROM resident
        WHERE id = ANY($1::uuid[]) AND municipality_code = ANY($2::char(6)[])`,
      [ids, municipalityCodes],
    );
    return rows.map((row) => candidateOf(COLUMNS.map((column) => row[column])));
  }
}

/** A candidate from its column values, in the order of COLUMNS. */
function candidateOf(fields: Array<string | null>): ResidentCandidate {
  const [id, key, birthDate, sex, nationality, family, given, middle, kanji, common, commonKana, kana] = fields;
  return {
    id: id!,
    residentKey: key,
    birthDate: birthDate!,
    sex: sex!,
    nationality: nationality!,
    familyName: family!,
    givenName: given,
    middleName: middle,
    kanjiName: kanji,
    commonName: common,
    commonNameKana: commonKana,
    kanaName: kana,
  };
}

/** A field of COPY's text format: `\N` is NULL; backslash escapes the rest. */
function copyText(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}
