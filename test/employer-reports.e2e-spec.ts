import type { INestApplicationContext } from '@nestjs/common';
import { createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { waitFor } from './support/processes.js';
import { importRegister, startWorker } from './support/register.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `resident_key,family_name,given_name,middle_name,common_name,common_name_kana,kana_name,birth_date,sex,nationality,registry_category,status_code
E001,NGUYEN,VAN AN,,,,,1996-02-14,M,VN,MID_LONG_TERM,TITP_2
E002,VU,THI LAN,,,,,1998-03-05,F,VN,MID_LONG_TERM,ENGINEER_HUMANITIES
E004,KIM,MINJUN,,金本,カネモト,,1979-11-11,M,KR,SPECIAL_PERMANENT,SPECIAL_PERMANENT
`;

// As Hello Work receives them: katakana names, both report types, insured and not.
const REPORTS = `source_ref,kana_name,birth_date,sex,report_type,event_date,ei_insured,received_on,status_code,employer_name,corporate_number,is_corporation,employer_headcount,weekly_hours,monthly_wage,occupation
R1,グエン ヴァン アン,1996-02-14,M,HIRE,2026-10-01,1,2026-11-20,TITP_2,浜松製作所,1234567890123,1,60,30,220000,製造
R2,ブ ティ ラン,1998-03-05,F,雇入れ,2026/10/15,0,2026-11-05,ENGINEER_HUMANITIES,みなと食堂,,0,3,20,150000,調理
R3,キム ミンジュン,1979-11-11,M,HIRE,2026-10-01,1,2026-11-01,SPECIAL_PERMANENT,浜松製作所,1234567890123,1,60,40,300000,製造
R4,カネモト,1979-11-11,M,HIRE,2026-10-01,1,2026-11-01,,浜松製作所,1234567890123,1,60,40,300000,製造
R5,グエン ヴァン アン,1996-02-14,M,SEPARATION,2026-11-15,1,2026-11-20,TITP_2,浜松製作所,1234567890123,1,60,,,
R6,ヤマダ タロウ,1980-01-01,M,HIRE,2026-10-01,1,2026-11-01,,浜松製作所,1234567890123,1,60,40,300000,製造
R7,スズキ ハナコ,1990-01-01,F,HIRE,2026-13-01,1,2026-11-01,,浜松製作所,1234567890123,1,60,40,300000,製造
`;

describe("employers' hire and separation reports", () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let counselor: SignedIn;
  const residentOf: Record<string, string> = {};

  const upload = (as: SignedIn, body: string, query = '') =>
    as.upload(`/api/v1/employer-report-imports${query}`).attach('file', Buffer.from(body), 'reports.csv');

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    Object.assign(residentOf, await importRegister(t, REGISTER));
    worker = await startWorker(t);
    counselor = await login(t.http, DEMO.counselor);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('turns matched reports into employment history with deadlines and lateness, refusing excluded people', async () => {
    const started = await upload(counselor, REPORTS, '?municipality=221309');
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await waitFor(
      async () => (await counselor.get(`/api/v1/employer-report-imports/${id}`)).body.lastAppliedAt !== null,
      20_000,
      'the reports to be applied',
    );
    const done = (await counselor.get(`/api/v1/employer-report-imports/${id}`).expect(200)).body;
    expect(done).toMatchObject({
      totalLines: 7,
      appliedLines: 3,
      rejectedLines: 2,
      invalidLines: 1,
      lateLines: 1,
      pendingLines: 1,
    });

    // Insured hire on 10-01 is due 11-10; received 11-20, it is 10 days late.
    const late = await counselor.get(`/api/v1/employer-report-imports/${id}/reports?late=true`).expect(200);
    expect(late.body.items).toEqual([
      expect.objectContaining({ sourceRef: 'R1', deadline: '2026-11-10', daysLate: 10, outcome: 'APPLIED' }),
    ]);
    const reports = (await counselor.get(`/api/v1/employer-report-imports/${id}/reports`).expect(200)).body.items;
    const byRef = new Map(reports.map((r: { sourceRef: string }) => [r.sourceRef, r]));
    // Not insured: the end of the following month.
    expect(byRef.get('R2')).toMatchObject({ reportType: 'HIRE', deadline: '2026-11-30', daysLate: 0 });
    // Separation: 10 days from the day after.
    expect(byRef.get('R5')).toMatchObject({ reportType: 'SEPARATION', deadline: '2026-11-25', daysLate: 0 });
    // A special permanent resident is outside the duty, whether the report says so or the register does.
    expect(byRef.get('R3')).toMatchObject({ outcome: 'REJECTED', errorField: 'status_code' });
    expect((byRef.get('R3') as { errorReason: string }).errorReason).toContain('special permanent');
    expect(byRef.get('R4')).toMatchObject({ outcome: 'REJECTED', residentId: residentOf.E004 });
    expect(byRef.get('R7')).toMatchObject({ outcome: 'INVALID', errorField: 'event_date' });
    expect(byRef.get('R6')).toMatchObject({ outcome: 'PENDING' });

    const history = await counselor.get(`/api/v1/residents/${residentOf.E001}/employment-records`).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({
        employerName: '浜松製作所',
        corporateNumber: '1234567890123',
        employerIsCorporation: true,
        employerInsuredHeadcount: 60,
        hiredOn: '2026-10-01',
        separatedOn: '2026-11-15',
        weeklyContractHours: 30,
        monthlyScheduledWage: 220000,
        eiInsured: true,
        source: 'EMPLOYER_REPORT',
      }),
    ]);
    expect((await counselor.get(`/api/v1/residents/${residentOf.E004}/employment-records`).expect(200)).body).toEqual(
      [],
    );
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM employer`);
    expect(count).toBe(2);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_event WHERE action = 'employment_record.from_report' AND resident_id = $1 LIMIT 1`,
      [residentOf.E002],
    );
    expect(audit.actor_user_id).toBe(counselor.user.id);

    // The late ones as CSV for following up with the employers: dates and employer, no names.
    const csv = await counselor.get(`/api/v1/employer-report-imports/${id}/late.csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.trim().split('\n')).toEqual([
      'line,source_ref,report_type,event_date,ei_insured,deadline,received_on,days_late,employer_name,corporate_number',
      '2,R1,HIRE,2026-10-01,true,2026-11-10,2026-11-20,10,浜松製作所,1234567890123',
    ]);
    expect(csv.text).not.toContain('グエン');

    // Applying again makes nothing twice.
    await counselor.post(`/api/v1/employer-report-imports/${id}/apply`).expect(200);
    const [{ records }] = await t.dataSource.query(`SELECT count(*)::int AS records FROM employment_record`);
    expect(records).toBe(2);
  });

  it("puts a reported full-time hire with no employees' insurance on record in the coverage gaps", async () => {
    // NGUYEN worked 30 hours a week at a 60-employee corporation from 10-01 to 11-15 (first test).
    const caseworker = await login(t.http, DEMO.caseworker);
    const [record] = (await caseworker.get(`/api/v1/residents/${residentOf.E001}/employment-records`).expect(200)).body;
    const gaps = async (scheme: string, on: string) =>
      (await caseworker.get(`/api/v1/coverage-gaps?scheme=${scheme}&on=${on}&limit=200`).expect(200)).body
        .items as Array<{
        residentId: string;
        reasonCode: string;
        employmentRecordId: string | null;
      }>;
    const ehi = (await gaps('EHI', '2026-10-20')).find((item) => item.residentId === residentOf.E001);
    expect(ehi).toMatchObject({ employmentRecordId: record.id, reasonCode: expect.stringMatching(/^EHI_/) });
    const epi = (await gaps('EPI', '2026-10-20')).find((item) => item.residentId === residentOf.E001);
    expect(epi).toMatchObject({ employmentRecordId: record.id });
    // After the separation he is no longer employed there.
    expect((await gaps('EHI', '2026-11-20')).map((item) => item.residentId)).not.toContain(residentOf.E001);
    const obligations = await caseworker
      .get(`/api/v1/residents/${residentOf.E001}/obligations?on=2026-10-20`)
      .expect(200);
    expect(obligations.body.find((r: { scheme: string }) => r.scheme === 'EHI')).toMatchObject({
      required: true,
      gap: true,
      employmentRecordId: record.id,
    });
  });

  it("counts the jurisdiction's foreign workers without special permanent residents", async () => {
    const stats = async () =>
      (await counselor.get('/api/v1/employment-statistics?on=2026-11-01').expect(200)).body as {
        workers: number;
        eiInsured: number;
        establishments: number;
        byNationality: Array<{ nationality: string; workers: number }>;
      };
    // NGUYEN (insured, 浜松製作所) and VU (not insured, みなと食堂) were both employed on 11-01.
    expect(await stats()).toEqual({
      on: '2026-11-01',
      workers: 2,
      eiInsured: 1,
      establishments: 2,
      byNationality: [{ nationality: 'VN', workers: 2 }],
    });
    // VU's record is corrected: she is a special permanent resident, outside these counts.
    const caseworker = await login(t.http, DEMO.caseworker);
    const vu = (await caseworker.get(`/api/v1/residents/${residentOf.E002}`).expect(200)).body;
    await caseworker
      .patch(`/api/v1/residents/${residentOf.E002}`, {
        registryCategory: 'SPECIAL_PERMANENT',
        statusCode: 'SPECIAL_PERMANENT',
      })
      .set('If-Match', String(vu.version))
      .expect(200);
    expect(await stats()).toMatchObject({ workers: 1, byNationality: [{ nationality: 'VN', workers: 1 }] });
    await caseworker.get('/api/v1/employment-statistics').expect(403);
  });

  it('refuses files without the report columns, and shows history only within the office', async () => {
    const bad = await upload(counselor, 'source_ref,kana_name,birth_date,sex\nX,カネモト,1979-11-11,M\n');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'report_type', reason: 'required column is missing' }]);

    const caseworker = await login(t.http, DEMO.caseworker);
    await upload(caseworker, REPORTS).expect(403);
    await caseworker.get(`/api/v1/residents/${residentOf.E001}/employment-records`).expect(200);
    const school = await login(t.http, DEMO.school);
    await school.get(`/api/v1/residents/${residentOf.E001}/employment-records`).expect(403);
    // A PESO whose jurisdiction does not include the city gets 404: the resident's existence is not confirmed.
    const otherPeso = await createPeso(t, ['131016']);
    const stranger = await login(t.http, (await createUser(t, otherPeso.id, ['PESO_COUNSELOR'])).email);
    await stranger.get(`/api/v1/residents/${residentOf.E001}/employment-records`).expect(404);
  });
});
