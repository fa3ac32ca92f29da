import { addDays, officeDate, PreparedStatements, RowScope } from '@app/platform';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResidentsService } from '@app/residents/residents.service.js';
import { createCity, createPeso, createUser, DEMO, seedDemo } from '../factories/identity.js';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HAMAMATSU = '221309'; // the demo city; the demo PESO serves it and KOSAI
const KOSAI = '222216';
const CHIYODA = '131016'; // served by neither

type Rows = Array<Record<string, unknown>>;

/**
 * [K13] The database backstop: a query that forgets its office filter still gets only the rows of
 * the caller's municipalities, because PostgreSQL's row-level security applies to every request's
 * connection. The forgetful query is real SQL run in a real request: the registry's search is
 * swapped for one that reads the tables with no WHERE clause, as a buggy service would.
 */
describe('row-level security', () => {
  let t: TestApp;
  let hamamatsu: SignedIn;
  let kosai: SignedIn;
  let chiyoda: SignedIn;
  let peso: SignedIn;
  const created: Record<string, string[]> = { [HAMAMATSU]: [], [KOSAI]: [], [CHIYODA]: [] };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    for (const code of [KOSAI, CHIYODA]) {
      const city = await createCity(t, code);
      await createUser(t, city.id, ['CITY_CASEWORKER'], `caseworker@${code}.test`);
    }
    hamamatsu = await login(t.http, DEMO.caseworker);
    kosai = await login(t.http, `caseworker@${KOSAI}.test`);
    chiyoda = await login(t.http, `caseworker@${CHIYODA}.test`);
    peso = await login(t.http, DEMO.counselor);
    for (const [caseworker, code, n] of [
      [hamamatsu, HAMAMATSU, 3],
      [kosai, KOSAI, 2],
      [chiyoda, CHIYODA, 2],
    ] as const) {
      for (let i = 0; i < n; i++) created[code].push((await createResident(caseworker)).id);
    }
  });
  afterAll(() => t.close());

  const codesOf = (rows: Rows): string[] => [...new Set(rows.map((row) => String(row.municipality_code)))].sort();
  const all = () => t.dataSource.query(`SELECT id, municipality_code, address FROM resident`) as Promise<Rows>;

  /** Runs `forgetful` as the body of the registry's search routes, for the requests made in `requests`. */
  async function asSearch<T>(forgetful: () => Promise<unknown>, requests: () => Promise<T>): Promise<T> {
    const service = t.app.get(ResidentsService);
    const original = service.search.bind(service);
    service.search = async () => ({ items: (await forgetful()) as never[], nextCursor: null });
    try {
      return await requests();
    } finally {
      service.search = original;
    }
  }
  const unfiltered = () => t.dataSource.query(`SELECT municipality_code FROM resident`);

  it('shows a request only its municipality’s rows when a query forgets the filter (GET and POST with a body)', async () => {
    const { get, post } = await asSearch(unfiltered, async () => ({
      get: (await hamamatsu.get('/api/v1/residents').expect(200)).body.items as Rows,
      post: (await kosai.post('/api/v1/residents/search', { q: 'anything' }).expect(200)).body.items as Rows,
    }));
    expect(codesOf(get)).toEqual([HAMAMATSU]);
    expect(get).toHaveLength(created[HAMAMATSU].length);
    expect(codesOf(post)).toEqual([KOSAI]);
    expect(post).toHaveLength(created[KOSAI].length);
    // The same table outside a request (system work: jobs, the CLI) holds every office's residents.
    expect(codesOf(await all())).toEqual([CHIYODA, HAMAMATSU, KOSAI]);
  });

  it('keeps the scope of a request whose body arrives after its headers', async () => {
    // Fastify reads a body in the socket's callbacks: a scope opened before that would be lost.
    if (!t.http.listening) await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    const body = JSON.stringify({ q: 'late body' });
    const answer = await asSearch(
      unfiltered,
      () =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const sent = httpRequest(
            {
              port: (t.http.address() as AddressInfo).port,
              host: '127.0.0.1',
              method: 'POST',
              path: '/api/v1/residents/search',
              headers: {
                cookie: chiyoda.cookie,
                'x-csrf-token': chiyoda.csrfToken,
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
              },
            },
            (response) => {
              let text = '';
              response.on('data', (chunk: Buffer) => (text += chunk.toString()));
              response.on('end', () => resolve({ status: response.statusCode!, text }));
            },
          );
          sent.on('error', reject);
          sent.flushHeaders();
          setTimeout(() => sent.end(body), 100);
        }),
    );
    expect(answer.status).toBe(200);
    expect(codesOf(JSON.parse(answer.text).items as Rows)).toEqual([CHIYODA]);
  });

  it('shows a PESO exactly the municipalities of its jurisdiction, through the register view too', async () => {
    const items = await asSearch(
      () => t.dataSource.query(`SELECT municipality_code FROM resident_register`),
      async () => (await peso.get('/api/v1/residents').expect(200)).body.items as Rows,
    );
    expect(codesOf(items)).toEqual([HAMAMATSU, KOSAI]);
    expect(items).toHaveLength(created[HAMAMATSU].length + created[KOSAI].length);
  });

  it('keeps concurrent requests of different offices apart on the shared connections', async () => {
    // 120 requests of three offices at once on a pool of 10: connections pass from one office's
    // request to another's all the time; each answer must hold its own office's rows only.
    const callers = [
      [hamamatsu, [HAMAMATSU]],
      [chiyoda, [CHIYODA]],
      [peso, [HAMAMATSU, KOSAI]],
    ] as const;
    const answers = await asSearch(
      () =>
        t.dataSource.query(
          `SELECT municipality_code FROM resident, pg_sleep(CASE WHEN random() < 0.5 THEN 0.005 ELSE 0 END)`,
        ),
      () =>
        Promise.all(
          Array.from({ length: 120 }, async (_, i) => {
            const [caller, expected] = callers[i % callers.length];
            const items = (await caller.get('/api/v1/residents').expect(200)).body.items as Rows;
            return { expected: [...expected], got: codesOf(items) };
          }),
        ),
    );
    expect(answers.filter((answer) => answer.got.join() !== answer.expected.join())).toEqual([]);
  });

  it('lets an UPDATE or DELETE without WHERE touch only the caller’s rows, and refuses moving a row out', async () => {
    const updated = await asSearch(
      // TypeORM answers an UPDATE … RETURNING with [rows, count].
      async () => (await t.dataSource.query(`UPDATE resident SET address = 'RLS-TEST' RETURNING municipality_code`))[0],
      async () => (await chiyoda.post('/api/v1/residents/search', {}).expect(200)).body.items as Rows,
    );
    expect(updated.map((row) => row.municipality_code)).toEqual(created[CHIYODA].map(() => CHIYODA));
    const after = await all();
    expect(after.filter((row) => row.address === 'RLS-TEST').map((row) => row.id)).toEqual(
      expect.arrayContaining(created[CHIYODA]),
    );
    expect(after.filter((row) => row.address === 'RLS-TEST')).toHaveLength(created[CHIYODA].length);

    // A transaction (BEGIN after the checkout) is in the scope too; rolled back so nothing is lost.
    const deleted = await RowScope.run([KOSAI], () =>
      t.dataSource
        .transaction(async (tx) => {
          const [rows]: [Rows, number] = await tx.query(`DELETE FROM resident RETURNING municipality_code`);
          throw Object.assign(new Error('roll back'), { rows });
        })
        .catch((error: { rows?: Rows }) => error.rows ?? Promise.reject(error)),
    );
    expect(deleted.map((row) => row.municipality_code)).toEqual(created[KOSAI].map(() => KOSAI));
    expect(await all()).toHaveLength(after.length);

    await expect(
      RowScope.run([CHIYODA], () =>
        t.dataSource.query(`UPDATE resident SET municipality_code = $1 WHERE id = $2`, [
          HAMAMATSU,
          created[CHIYODA][0],
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows an empty scope nothing, system work everything, and scopes the prepared-statement pools', async () => {
    expect(await RowScope.run([], unfiltered)).toEqual([]);
    const prepared = t.app.get(PreparedStatements);
    const scoped = await RowScope.run([CHIYODA], async () => ({
      prepared: await prepared.query(`SELECT municipality_code FROM resident`, []),
      // Work inside a request that must reach other offices' rows says why, and is not restricted.
      unrestricted: await RowScope.unrestricted('test: system work inside a request', unfiltered),
      again: await unfiltered(),
    }));
    expect(codesOf(scoped.prepared)).toEqual([CHIYODA]);
    expect(codesOf(scoped.unrestricted)).toEqual([CHIYODA, HAMAMATSU, KOSAI]);
    expect(codesOf(scoped.again)).toEqual([CHIYODA]);
    expect(codesOf(await prepared.query(`SELECT municipality_code FROM resident`, []))).toEqual([
      CHIYODA,
      HAMAMATSU,
      KOSAI,
    ]);
  });

  it('still lets an office of another municipality read a case referred to it with consent', async () => {
    // Cases are reached by office and referral, not by municipality (RowScope.unrestricted in cases).
    const office = await createPeso(t, [CHIYODA]);
    const recipient = await login(t.http, (await createUser(t, office.id, ['PESO_COUNSELOR'])).email);
    const today = officeDate(new Date(), 'Asia/Tokyo');
    const resident = created[HAMAMATSU][0];
    const opened = await hamamatsu
      .post('/api/v1/cases', {
        residentId: resident,
        category: 'JOB_SEARCH',
        title: 'Moving to Tokyo',
        nextActionOn: addDays(today, 7),
      })
      .expect(201);
    await hamamatsu
      .post(`/api/v1/residents/${resident}/consents`, {
        purpose: 'EMPLOYMENT_SUPPORT',
        recipientOrgId: office.id,
        grantedOn: today,
        evidenceRef: 'DOC-1',
        explanationLanguage: 'pt',
      })
      .expect(201);
    const sent = await hamamatsu
      .post(`/api/v1/cases/${opened.body.id}/referrals`, { toOrgId: office.id, purpose: 'EMPLOYMENT_SUPPORT' })
      .expect(201);
    await recipient.get(`/api/v1/cases/${opened.body.id}`).expect(404);
    await recipient
      .patch(`/api/v1/referrals/${sent.body.id}`, { version: sent.body.version, status: 'ACCEPTED' })
      .expect(200);
    const seen = await recipient.get(`/api/v1/cases/${opened.body.id}`).expect(200);
    expect(seen.body).toMatchObject({ access: 'RECIPIENT', residentName: 'SILVA ANA' });
    expect((await recipient.get('/api/v1/cases').expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([
      opened.body.id,
    ]);
    await recipient.get(`/api/v1/cases/${opened.body.id}/timeline`).expect(200);
    await recipient
      .patch(`/api/v1/cases/${opened.body.id}`, { version: seen.body.version, priority: 'HIGH' })
      .expect(403);
  });

  it('secures every personal table that carries a municipality, and reads every view over one with the caller’s rights', async () => {
    // Office tables without personal data, and the name search's indexes (see the migration).
    const unsecured = [
      'organization',
      'import_run',
      'match_run',
      'match_verdict',
      'coverage_import',
      'employer_report_import',
      'language_course',
      'orientation_session',
      'school',
      'school_guide_dispatch',
      'resident_name',
      'resident_name_pair',
    ];
    const tables: Array<{ table: string; secured: boolean }> = await t.dataSource.query(
      `SELECT c.relname AS table, c.relrowsecurity AS secured
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'municipality_code' AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
    );
    expect(tables.filter((row) => !row.secured && !unsecured.includes(row.table))).toEqual([]);
    expect(tables.filter((row) => row.secured).map((row) => row.table)).toContain('resident');

    const views: Array<{ view: string; options: string[] | null }> = await t.dataSource.query(
      `SELECT DISTINCT v.relname AS view, v.reloptions AS options
         FROM pg_class v JOIN pg_rewrite r ON r.ev_class = v.oid
         JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass
         JOIN pg_class t ON t.oid = d.refobjid AND t.relrowsecurity
        WHERE v.relkind = 'v' AND t.oid <> v.oid ORDER BY 1`,
    );
    expect(views.map((row) => row.view)).toContain('resident_register');
    expect(views.filter((row) => !row.options?.includes('security_invoker=true'))).toEqual([]);
  });
});
