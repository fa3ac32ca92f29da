import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  decodeCursor,
  DomainEvents,
  encodeCursor,
  officeDate,
  PreparedStatements,
  ProblemException,
  updateVersioned,
  type Page,
  type Principal,
  type RequestContext,
} from '@app/platform';
import { createHmac } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateResidentDto, ResidentQueryDto, UpdateResidentDto } from './dto/resident.dto.js';
import { syncNameForms } from './names/name-store.js';
import { normalizeName } from './names/name-normalization.js';
import { queryWords, wordAlternatives, wordPair, type WordAlternatives } from './names/name-query.js';
import { audienceOf, residentView, type ResidentAudience, type ResidentView } from './resident-view.js';
import { NAME_FIELDS, Resident, STATUS_FIELDS } from './resident.entity.js';
import { StatusHistory } from './status-history.entity.js';

// Name forms ranked per search: two pages of 20; a query that fits more people than that needs
// another word, a birth date or a key. (100 cost 13% more PostgreSQL time per search at 1M residents.)
const NAME_CANDIDATES = 40;

/**
 * Residents of the principal's municipalities. A school officer sees only children up to the
 * end of compulsory schooling and those children's guardians.
 */
function visibilitySql(principal: Principal, audience: ResidentAudience, today: string, params: unknown[]): string {
  params.push([...principal.municipalityCodes]);
  const scope = `r.municipality_code = ANY($${params.length}::char(6)[])`;
  if (audience !== 'SCHOOL') return scope;
  params.push(today);
  const young = (alias: string) =>
    `make_date(extract(year FROM ${alias}.birth_date)::int + CASE WHEN extract(month FROM ${alias}.birth_date) > 4
       OR (extract(month FROM ${alias}.birth_date) = 4 AND extract(day FROM ${alias}.birth_date) >= 2) THEN 16 ELSE 15 END, 3, 31)
       >= $${params.length}::date`;
  return `${scope} AND (${young('r')} OR EXISTS (SELECT 1 FROM guardian_link g JOIN resident c ON c.id = g.child_id
            WHERE g.guardian_id = r.id AND ${young('c')}))`;
}

@Injectable()
export class ResidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly prepared: PreparedStatements,
    private readonly events: DomainEvents,
  ) {}

  async create(ctx: RequestContext, input: CreateResidentDto): Promise<ResidentView> {
    const principal = ctx.principal!;
    const municipalityCode = input.municipalityCode ?? principal.municipalityCodes[0];
    if (!municipalityCode || !principal.municipalityCodes.includes(municipalityCode)) {
      throw ProblemException.validation([
        { field: 'municipalityCode', reason: 'is not a municipality of your office' },
      ]);
    }
    if (input.registryCategory !== 'NOT_REGISTERED' && !input.residentKey) {
      throw ProblemException.validation([
        { field: 'residentKey', reason: 'is required unless registryCategory is NOT_REGISTERED' },
      ]);
    }
    const created = await this.dataSource.transaction(async (tx) => {
      await this.assertStatus(tx, input.statusCode ?? null, input.statusSubtype ?? null);
      if (
        input.residentKey &&
        (await tx.exists(Resident, { where: { municipalityCode, residentKey: input.residentKey } }))
      ) {
        throw ProblemException.conflict(
          'A resident with this resident_key already exists in the municipality.',
          'duplicate',
        );
      }
      const { residenceCardNumber, ...fields } = input;
      const resident = await tx.save(
        tx.create(Resident, {
          ...fields,
          municipalityCode,
          ...this.cardFields(residenceCardNumber),
        }),
      );
      await syncNameForms(tx, [resident.id]);
      await this.recordStatus(tx, ctx, resident, 'API');
      await this.audit.record(
        ctx,
        { action: 'resident.create', entity: 'resident', entityId: resident.id, residentId: resident.id },
        tx,
      );
      return residentView(resident, 'CITY');
    });
    await this.events.publish('resident.changed', { residentId: created.id, municipalityCode });
    return created;
  }

  async get(ctx: RequestContext, id: string): Promise<ResidentView> {
    const { resident, audience } = await this.findVisible(this.dataSource.manager, ctx.principal!, id);
    await this.audit.record(ctx, { action: 'resident.read', entity: 'resident', entityId: id, residentId: id });
    return residentView(resident, audience);
  }

  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    input: UpdateResidentDto,
  ): Promise<ResidentView> {
    const updated = await this.dataSource.transaction(async (tx) => {
      const { resident: before } = await this.findVisible(tx, ctx.principal!, id);
      const { residenceCardNumber, ...fields } = input;
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined && before[key as keyof Resident] !== value) changes[key] = value;
      }
      if (residenceCardNumber !== undefined) Object.assign(changes, this.cardFields(residenceCardNumber));
      const after = { ...before, ...changes } as Resident;
      if (after.registryCategory !== 'NOT_REGISTERED' && !after.residentKey) {
        throw ProblemException.validation([
          { field: 'residentKey', reason: 'is required unless registryCategory is NOT_REGISTERED' },
        ]);
      }
      if ('statusCode' in changes || 'statusSubtype' in changes)
        await this.assertStatus(tx, after.statusCode, after.statusSubtype);
      await updateVersioned(tx, Resident, id, expectedVersion, changes, 'Resident');
      const saved = (await tx.findOneBy(Resident, { id }))!;
      if (NAME_FIELDS.some((field) => field in changes)) await syncNameForms(tx, [saved.id]);
      const statusChanged = STATUS_FIELDS.some((field) => field in changes);
      if (statusChanged) await this.recordStatus(tx, ctx, saved, 'API');
      await this.audit.record(
        ctx,
        {
          action: 'resident.update',
          entity: 'resident',
          entityId: id,
          residentId: id,
          // Which fields changed; the values of status fields (not names or numbers) for the trail.
          diff: {
            fields: Object.keys(changes).filter((key) => key !== 'cardNumberHash'),
            ...(statusChanged
              ? Object.fromEntries(STATUS_FIELDS.filter((f) => f in changes).map((f) => [f, [before[f], saved[f]]]))
              : {}),
          },
        },
        tx,
      );
      return residentView(saved, 'CITY');
    });
    await this.events.publish('resident.changed', { residentId: id, municipalityCode: updated.municipalityCode! });
    return updated;
  }

  async statusHistory(ctx: RequestContext, id: string): Promise<StatusHistory[]> {
    const { audience } = await this.findVisible(this.dataSource.manager, ctx.principal!, id);
    if (audience === 'SCHOOL') throw ProblemException.forbidden('School officers do not see statuses of residence.');
    await this.audit.record(ctx, {
      action: 'resident.read_status_history',
      entity: 'resident',
      entityId: id,
      residentId: id,
    });
    return this.dataSource.manager.find(StatusHistory, { where: { residentId: id }, order: { createdAt: 'DESC' } });
  }

  async search(ctx: RequestContext, query: ResidentQueryDto): Promise<Page<ResidentView>> {
    const principal = ctx.principal!;
    const audience = audienceOf(principal);
    if (!audience) throw ProblemException.forbidden();
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const where = [visibilitySql(principal, audience, this.today(), params)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (query.residentKey) add('r.resident_key = ?', query.residentKey);
    if (query.birthDate) add('r.birth_date = ?::date', query.birthDate);
    if (query.cardNumber) add('r.card_number_hash = ?', this.cardHash(query.cardNumber));
    if (query.statusExpiresBefore) add('r.stay_expiry_date < ?::date', query.statusExpiresBefore);
    if (query.registryCategory) add('r.registry_category = ?', query.registryCategory);
    if (query.householdId) add('r.household_id = ?', query.householdId);

    const cursor = decodeCursor<{ s: string; k: string; id: string; f: string }>(query.cursor, ['s', 'k', 'id', 'f']);
    const normalizedQuery = query.q ? normalizeName(query.q) : '';
    if (query.q && !normalizedQuery) return { items: [], nextCursor: null };
    // The search and its audit record are one statement; an exact pass that finds no one is not
    // recorded, because the spelling pass after it is.
    const filters = Object.entries(query)
      .filter(([key, value]) => value !== undefined && !['limit', 'cursor'].includes(key))
      .map(([key]) => key);
    const nameFilterOnly = audience !== 'SCHOOL' && where.length === 1;
    const page = (words: WordAlternatives | null, exact: boolean, auditIfEmpty: boolean) =>
      this.searchPage(ctx, filters, [...where], [...params], words, exact, cursor, limit, auditIfEmpty, nameFilterOnly);
    let rows: Array<Record<string, unknown>> = [];
    let fuzzy = cursor?.f === '1';
    if (!normalizedQuery) {
      rows = await page(null, true, true);
    } else {
      // Whole words first; only when they find no one, words stand for their nearest spellings too.
      if (!fuzzy) {
        const words = queryWords(normalizedQuery).map((token) => [{ token, similarity: 1 }]);
        rows = await page(words, true, Boolean(cursor));
        fuzzy = rows.length === 0 && !cursor;
      }
      if (fuzzy) {
        const words = await wordAlternatives(this.dataSource.manager, normalizedQuery);
        rows = await page(words, false, true);
      }
    }
    const residents = rows.map((row) => ({
      resident: rowToResident(this.dataSource, row),
      sortKey: String(row.sort_key),
    }));
    const pageRows = residents.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    return {
      items: pageRows.map(({ resident }) => residentView(resident, audience)),
      nextCursor:
        residents.length > limit && last
          ? encodeCursor({ s: 'v2', k: last.sortKey, id: last.resident.id, f: fuzzy ? '1' : '0' })
          : null,
    };
  }

  /**
   * One page of residents. Two or more whole words: every resident with a name form holding them
   * all, shorter names first (btree of word pairs). Otherwise the name forms that hold a spelling of
   * every query word (GIN index on the words) are ranked: exact words first, then by closeness of
   * the spellings, shorter names before longer; at most NAME_CANDIDATES forms, so a query that fits
   * more people than that needs another word, a birth date or a key.
   */
  // `where` and `params` start with the visibility filter, whose first parameter is the municipalities.
  private async searchPage(
    ctx: RequestContext,
    filters: string[],
    where: string[],
    params: unknown[],
    words: WordAlternatives | null,
    exact: boolean,
    cursor: { k: string; id: string } | undefined,
    limit: number,
    auditIfEmpty: boolean,
    nameFilterOnly: boolean,
  ): Promise<Array<Record<string, unknown>>> {
    let from = 'resident r';
    if (words && !words.every((list) => list.length)) {
      where.push('false'); // a word with no spelling in any name: no one matches
      words = null;
    }
    if (words) {
      const wholeWords = words.map(([w]) => w.token);
      const after = (score: string, id: string, type: string) =>
        cursor ? `AND (${score}, ${id}) > ($${params.push(cursor.k)}::${type}, $${params.push(cursor.id)}::uuid)` : '';
      let ranked: string;
      if (exact && wholeWords.length > 1) {
        // Two or more whole words: the entries of one of their pairs in resident_name_pair, in
        // page order (shorter names first, none shorter than the query), each kept if one name
        // form of that resident has every word and no shorter form does (so a resident is listed once). Reads about a page of
        // btree entries however common the words are (migration 1766000000000).
        const municipalities = ctx.principal!.municipalityCodes;
        // With one municipality the index yields the page order itself; ANY would need a sort.
        const inMunicipality =
          municipalities.length === 1
            ? `k.municipality_code = ($1::char(6)[])[1]`
            : `k.municipality_code = ANY ($1::char(6)[])`;
        if (cursor && !/^\d{1,4}$/.test(cursor.k)) {
          throw ProblemException.validation([
            { field: 'cursor', reason: 'cursor must be a value returned as nextCursor' },
          ]);
        }
        const w = `$${params.push(wholeWords)}::text[]`;
        ranked = `SELECT k.resident_id, k.words::float8 AS score FROM resident_name_pair k
                   WHERE k.pair = $${params.push(wordPair(wholeWords[0], wholeWords[1]))} AND ${inMunicipality} AND k.words >= ${wholeWords.length}
                     AND k.words = (SELECT min(cardinality(string_to_array(n.normalized, ' '))) FROM resident_name n
                                     WHERE n.resident_id = k.resident_id AND n.tokens @> ${w})
                     ${nameFilterOnly ? after('k.words', 'k.resident_id', 'smallint') : ''}`;
        if (nameFilterOnly) ranked += ` ORDER BY k.words, k.resident_id LIMIT $${params.push(limit + 1)}`;
      } else {
        const matches = exact
          ? [`n.tokens @> $${params.push(wholeWords)}::text[]`]
          : words.map((list) => `n.tokens && $${params.push(list.map((a) => a.token))}::text[]`);
        // Whole words all score 0, so only length orders them; spellings score by closeness.
        let closeness = '0';
        if (!exact) {
          const flat = words.flatMap((list, word) => list.map((alternative) => ({ word, ...alternative })));
          params.push(
            flat.map((a) => a.word),
            flat.map((a) => a.token),
            flat.map((a) => a.similarity),
          );
          const [word, token, similarity] = [params.length - 2, params.length - 1, params.length].map((i) => `$${i}`);
          closeness = `(SELECT sum(1 - best) FROM (SELECT max(e.similarity) AS best
                FROM unnest(${word}::int[], ${token}::text[], ${similarity}::float4[]) AS e(word, token, similarity)
               WHERE e.token = ANY (n.tokens) GROUP BY e.word) x)`;
        }
        ranked = `SELECT n.resident_id, min(${closeness} + 0.001 * cardinality(n.tokens)) AS score
                   FROM (SELECT n.resident_id, n.tokens FROM resident_name n
                          WHERE n.municipality_code = ANY ($1::char(6)[]) AND ${matches.join(' AND ')}
                          LIMIT ${NAME_CANDIDATES}) n
                  GROUP BY n.resident_id`;
        // When the municipality is the only filter, the page is cut before residents are read.
        if (nameFilterOnly) {
          ranked = `SELECT * FROM (${ranked}) g WHERE true ${after('g.score', 'g.resident_id', 'float8')}
                     ORDER BY g.score, g.resident_id LIMIT $${params.push(limit + 1)}`;
        }
      }
      from = `(${ranked}) c JOIN resident r ON r.id = c.resident_id`;
    }
    const sortKey = words ? 'c.score' : 'r.family_name';
    if (cursor) {
      params.push(cursor.k, cursor.id);
      where.push(`(${sortKey}, r.id) > ($${params.length - 1}${words ? '::float8' : ''}, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const limitParam = `$${params.length}`;
    params.push(filters);
    const audit = this.audit.insertSql(
      ctx,
      { action: 'resident.search', entity: 'resident' },
      params,
      `jsonb_build_object('filters', to_jsonb($${params.length}::text[]),
         'returned', (SELECT coalesce(jsonb_agg(id ORDER BY sort_value, id), '[]') FROM
                        (SELECT id, sort_value FROM page ORDER BY sort_value, id LIMIT ${limitParam}::int - 1) p))`,
      auditIfEmpty ? 'true' : 'EXISTS (SELECT 1 FROM page)',
    );
    return this.prepared.query(
      `WITH page AS MATERIALIZED (
         SELECT r.*, ${sortKey} AS sort_value, ${sortKey}::text AS sort_key FROM ${from} WHERE ${where.join(' AND ')}
          ORDER BY ${sortKey}, r.id LIMIT ${limitParam}),
       audit AS (${audit})
       SELECT * FROM page ORDER BY sort_value, id`,
      params,
    );
  }

  /** Links a child to a guardian (both residents the caseworker may see). Linking twice changes nothing. */
  async addGuardian(ctx: RequestContext, childId: string, guardianId: string, relationship: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.findVisible(tx, ctx.principal!, childId);
      if (childId === guardianId)
        throw ProblemException.validation([{ field: 'guardianId', reason: 'cannot be the child' }]);
      await this.findVisible(tx, ctx.principal!, guardianId).catch(() => {
        throw ProblemException.validation([{ field: 'guardianId', reason: 'no such resident in your municipality' }]);
      });
      await tx.query(
        `INSERT INTO guardian_link (child_id, guardian_id, relationship) VALUES ($1, $2, $3)
         ON CONFLICT (child_id, guardian_id) DO UPDATE SET relationship = EXCLUDED.relationship, updated_at = now()`,
        [childId, guardianId, relationship],
      );
      await this.audit.record(
        ctx,
        {
          action: 'resident.add_guardian',
          entity: 'resident',
          entityId: childId,
          residentId: childId,
          diff: { guardianId, relationship },
        },
        tx,
      );
    });
  }

  /** A resident the principal may see, or 404 (another office's resident does not "exist"). */
  private async findVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<{ resident: Resident; audience: ResidentAudience }> {
    const audience = audienceOf(principal);
    if (!audience) throw ProblemException.forbidden();
    const params: unknown[] = [id];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT r.* FROM resident r WHERE r.id = $1 AND ${visibilitySql(principal, audience, this.today(), params)}`,
      params,
    );
    if (!rows[0]) throw ProblemException.notFound('Resident');
    return { resident: rowToResident(this.dataSource, rows[0]), audience };
  }

  private async assertStatus(manager: EntityManager, code: string | null, subtype: string | null): Promise<void> {
    if (!code) {
      if (subtype) throw ProblemException.validation([{ field: 'statusSubtype', reason: 'needs a statusCode' }]);
      return;
    }
    const rows: Array<{ subtypes: string[] }> = await manager.query(
      `SELECT subtypes FROM status_of_residence WHERE code = $1`,
      [code],
    );
    if (!rows[0])
      throw ProblemException.validation([{ field: 'statusCode', reason: `unknown status of residence ${code}` }]);
    if (subtype && !rows[0].subtypes.includes(subtype)) {
      throw ProblemException.validation([{ field: 'statusSubtype', reason: `${code} has no subtype ${subtype}` }]);
    }
  }

  private async recordStatus(
    manager: EntityManager,
    ctx: RequestContext,
    resident: Resident,
    source: 'API' | 'IMPORT',
  ): Promise<void> {
    await manager.insert(StatusHistory, {
      residentId: resident.id,
      registryCategory: resident.registryCategory,
      statusCode: resident.statusCode,
      statusSubtype: resident.statusSubtype,
      stayPeriod: resident.stayPeriod,
      stayExpiryDate: resident.stayExpiryDate,
      source,
      changedByUserId: ctx.principal?.userId ?? null,
      requestId: ctx.requestId,
    });
  }

  private cardFields(cardNumber: string | null | undefined): Pick<Resident, 'cardNumberHash' | 'cardNumberLast4'> {
    return cardNumber
      ? { cardNumberHash: this.cardHash(cardNumber), cardNumberLast4: cardNumber.slice(-4) }
      : { cardNumberHash: null, cardNumberLast4: null };
  }

  private cardHash(cardNumber: string): Buffer {
    return createHmac('sha256', this.config.get('DATA_HASH_KEY')).update(cardNumber).digest();
  }

  private today(): string {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }
}

/** A raw `SELECT r.*` row as an entity, by the entity's column metadata. */
function rowToResident(dataSource: DataSource, row: Record<string, unknown>): Resident {
  const metadata = dataSource.getMetadata(Resident);
  const resident = new Resident();
  for (const column of metadata.columns) {
    const raw = row[column.databaseName];
    if (raw === undefined) continue;
    (resident as unknown as Record<string, unknown>)[column.propertyName] = raw;
  }
  return resident;
}
