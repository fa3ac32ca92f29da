import type { INestApplicationContext } from '@nestjs/common';
import { DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { waitFor } from './support/processes.js';
import { importRegister, startWorker } from './support/register.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `resident_key,family_name,given_name,middle_name,common_name,common_name_kana,kana_name,birth_date,sex,nationality,registry_category,status_code
C001,NGUYEN,VAN AN,,,,,1996-02-14,M,VN,MID_LONG_TERM,ENGINEER_HUMANITIES
C002,VU,THI LAN,,,,,1998-03-05,F,VN,MID_LONG_TERM,ENGINEER_HUMANITIES
C004,KIM,MINJUN,,金本,カネモト,,1979-11-11,M,KR,MID_LONG_TERM,ENGINEER_HUMANITIES
C006,TRAN,DUC MINH,,,,,2001-06-30,M,VN,MID_LONG_TERM,ENGINEER_HUMANITIES
C007,TRAN,DUC MANH,,,,,2001-06-30,M,VN,MID_LONG_TERM,ENGINEER_HUMANITIES
`;

// The NHI roll as the city's NHI system exports it: katakana names, its own date formats.
const ROLL = `source_ref,kana_name,birth_date,sex,start_date,end_date,role
N1,グエン\u3000ヴァン\u3000アン,1996-02-14,1,2024/04/01,,
N2,ﾌﾞ ﾃｨ ﾗﾝ,1998-03-05,2,20250101,2025-12-31,
N3,チャン ドゥック,2001-06-30,1,2024-04-01,,
N4,ヤマダ タロウ,1980-01-01,1,2024-04-01,,
N5,カネモト,1979-11-11,1,2024-13-01,,
N6,カネモト,1979-11-11,1,2024-04-01,,DEPENDANT
`;

describe('coverage rolls loaded through a match run', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let caseworker: SignedIn;
  const residentOf: Record<string, string> = {};

  const upload = (as: SignedIn, body: string, query: string) =>
    as.upload(`/api/v1/coverage-imports${query}`).attach('file', Buffer.from(body), 'nhi-roll.csv');

  const periodsOf = async (key: string) =>
    (await caseworker.get(`/api/v1/residents/${residentOf[key]}/coverage-periods`).expect(200)).body as Array<
      Record<string, unknown>
    >;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    Object.assign(residentOf, await importRegister(t, REGISTER));
    worker = await startWorker(t);
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('turns matched lines into coverage periods, flags overlaps and bad lines, and waits for reviews', async () => {
    // KIM already has NHI on record from another source: the roll's line for him overlaps it.
    await caseworker
      .post(`/api/v1/residents/${residentOf.C004}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2023-01-01',
      })
      .expect(201);

    const started = await upload(caseworker, ROLL, '?scheme=NHI&source=CITY_NHI_ROLL');
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    expect(started.body).toMatchObject({ scheme: 'NHI', source: 'CITY_NHI_ROLL', totalLines: 6, invalidLines: 1 });
    await waitFor(
      async () => (await caseworker.get(`/api/v1/coverage-imports/${id}`)).body.lastAppliedAt !== null,
      20_000,
      'the roll to be applied',
    );
    const done = (await caseworker.get(`/api/v1/coverage-imports/${id}`).expect(200)).body;
    expect(done).toMatchObject({ appliedLines: 2, conflictLines: 1, invalidLines: 1, pendingLines: 2 });
    expect(done.matchRun).toMatchObject({ status: 'DONE', source: 'CITY_NHI_ROLL', reviewRows: 1 });

    const [nguyen] = await periodsOf('C001');
    expect(nguyen).toMatchObject({
      scheme: 'NHI',
      role: 'INSURED',
      startDate: '2024-04-01',
      endDate: null,
      source: 'CITY_NHI_ROLL',
      evidenceRef: 'nhi-roll.csv line 2 (N1)',
    });
    expect(await periodsOf('C002')).toEqual([
      expect.objectContaining({ startDate: '2025-01-01', endDate: '2025-12-31' }),
    ]);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, diff FROM audit_event WHERE action = 'coverage.create' AND resident_id = $1`,
      [residentOf.C001],
    );
    expect(audit).toMatchObject({ actor_user_id: caseworker.user.id, diff: { scheme: 'NHI', coverageImportId: id } });

    const conflicts = await caseworker.get(`/api/v1/coverage-imports/${id}/lines?outcome=CONFLICT`).expect(200);
    expect(conflicts.body.items).toEqual([
      expect.objectContaining({ sourceRef: 'N6', line: 7, role: 'DEPENDANT', residentId: residentOf.C004 }),
    ]);
    const invalid = await caseworker.get(`/api/v1/coverage-imports/${id}/lines?outcome=INVALID`).expect(200);
    expect(invalid.body.items).toEqual([
      expect.objectContaining({ sourceRef: 'N5', errorField: 'start_date', errorReason: 'must be a calendar date' }),
    ]);
    // The record that stayed KIM's is the one entered before; nothing was half-written.
    expect((await periodsOf('C004')).map((period) => period.startDate)).toEqual(['2023-01-01']);

    // N3 could be either twin: a person decides, and the period follows the decision.
    const reviews = await caseworker.get(`/api/v1/match-runs/${done.matchRun.id}/reviews`).expect(200);
    const twin = reviews.body.items.find((item: { sourceRef: string }) => item.sourceRef === 'N3');
    await caseworker
      .post(`/api/v1/match-runs/${done.matchRun.id}/reviews/${twin.seq}/accept`, { residentId: residentOf.C006 })
      .expect(200);
    expect(await periodsOf('C006')).toEqual([
      expect.objectContaining({ scheme: 'NHI', startDate: '2024-04-01', evidenceRef: 'nhi-roll.csv line 4 (N3)' }),
    ]);
    expect(await periodsOf('C007')).toEqual([]);
    const [reviewAudit] = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_event WHERE action = 'coverage.create' AND resident_id = $1`,
      [residentOf.C006],
    );
    expect(reviewAudit.actor_user_id).toBe(caseworker.user.id);

    // Applying again changes nothing: every line becomes a period at most once.
    const again = await caseworker.post(`/api/v1/coverage-imports/${id}/apply`).expect(200);
    expect(again.body).toMatchObject({ appliedLines: 3, conflictLines: 1, invalidLines: 1, pendingLines: 1 });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM coverage_period WHERE source = 'CITY_NHI_ROLL'`,
    );
    expect(count).toBe(3);

    // The roll closes NGUYEN's gap: he is no longer on the NHI gap list for a date it covers.
    const gaps = await caseworker.get('/api/v1/coverage-gaps?scheme=NHI&on=2025-06-01&limit=200').expect(200);
    const listed = gaps.body.items.map((item: { residentId: string }) => item.residentId);
    expect(listed).not.toContain(residentOf.C001);
    expect(listed).toContain(residentOf.C007);
  });

  it('refuses a roll without coverage dates, and keeps health rolls away from the PESO', async () => {
    const noDates = await upload(
      caseworker,
      'source_ref,kana_name,birth_date,sex\nX1,カネモト,1979-11-11,M\n',
      '?scheme=NHI&source=CITY_NHI_ROLL',
    );
    expect(noDates.status).toBe(400);
    expect(noDates.body.errors).toEqual([{ field: 'start_date', reason: 'required column is missing' }]);
    const badScheme = await upload(caseworker, ROLL, '?scheme=DENTAL&source=CITY_NHI_ROLL');
    expect(badScheme.status).toBe(400);
    expect(badScheme.body.errors[0].field).toBe('scheme');

    const counselor = await login(t.http, DEMO.counselor);
    const health = await upload(counselor, ROLL, '?scheme=NHI&source=PESO_EI_REPORT');
    expect(health.status).toBe(400);
    expect(health.body.errors[0]).toEqual({ field: 'scheme', reason: 'your office does not keep this coverage' });
    const ei = await upload(counselor, ROLL, '?scheme=EI&source=PESO_EI_REPORT&municipality=221309');
    expect(ei.status).toBe(202);
    const nhiImport = (await caseworker.get('/api/v1/coverage-imports').expect(200)).body.find(
      (item: { scheme: string }) => item.scheme === 'NHI',
    );
    await counselor.get(`/api/v1/coverage-imports/${nhiImport.id}`).expect(404);
    const visible = (await counselor.get('/api/v1/coverage-imports').expect(200)).body;
    expect(visible.map((item: { scheme: string }) => item.scheme)).toEqual(['EI']);
  });
});
