import { addDays, officeDate } from '@app/platform';
import { DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const today = officeDate(new Date(), 'Asia/Tokyo');

describe('employment records entered by hand', () => {
  let t: TestApp;
  let counselor: SignedIn;
  let caseworker: SignedIn;
  let school: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    counselor = await login(t.http, DEMO.counselor);
    caseworker = await login(t.http, DEMO.caseworker);
    school = await login(t.http, DEMO.school);
  });
  afterAll(async () => {
    await t.close();
  });

  const ehiOf = async (residentId: string) =>
    (await caseworker.get(`/api/v1/residents/${residentId}/obligations?on=${today}`).expect(200)).body.find(
      (r: { scheme: string }) => r.scheme === 'EHI',
    );

  it('records a job the resident reports, feeds the insurance rules, and corrects it when it ends', async () => {
    const resident = await createResident(caseworker, {
      familyName: 'SANTOS',
      givenName: 'MARIA',
      birthDate: '1990-05-10',
    });
    // Nothing known of any job: whether EHI is required is unknown.
    expect(await ehiOf(resident.id)).toMatchObject({ required: 'unknown' });

    const created = await counselor
      .post(`/api/v1/residents/${resident.id}/employment-records`, {
        employer: {
          name: '株式会社浜松部品',
          corporateNumber: '1234567890123',
          isCorporation: true,
          insuredHeadcount: 60,
        },
        hiredOn: addDays(today, -30),
        weeklyContractHours: 30,
        monthlyScheduledWage: 180_000,
        occupation: '製造',
        eiInsured: true,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      employerName: '株式会社浜松部品',
      employerInsuredHeadcount: 60,
      weeklyContractHours: 30,
      source: 'MANUAL',
      version: 1,
    });
    // 30 hours a week at a 60-employee corporation: employees' health insurance is required and missing.
    expect(await ehiOf(resident.id)).toMatchObject({ required: true, gap: true, employmentRecordId: created.body.id });

    const ended = await counselor
      .patch(`/api/v1/residents/${resident.id}/employment-records/${created.body.id}`, {
        version: 1,
        separatedOn: addDays(today, -1),
      })
      .expect(200);
    expect(ended.body).toMatchObject({ separatedOn: addDays(today, -1), version: 2 });
    const afterEnd = await ehiOf(resident.id);
    expect(afterEnd.required).not.toBe(true);
    expect(afterEnd.employmentRecordId).toBeUndefined();

    const stale = await counselor
      .patch(`/api/v1/residents/${resident.id}/employment-records/${created.body.id}`, {
        version: 1,
        weeklyContractHours: 20,
      })
      .expect(409);
    expect(stale.body.type).toContain('version-conflict');
    const backwards = await counselor
      .patch(`/api/v1/residents/${resident.id}/employment-records/${created.body.id}`, {
        version: 2,
        separatedOn: addDays(today, -60),
      })
      .expect(400);
    expect(backwards.body.errors[0].field).toBe('separatedOn');
    const badEmployer = await counselor
      .post(`/api/v1/residents/${resident.id}/employment-records`, {
        employer: { name: 'x', corporateNumber: '12', isCorporation: true },
        hiredOn: today,
      })
      .expect(400);
    expect(badEmployer.body.errors[0].field).toContain('corporateNumber');

    // The history shows it, audited; a board of education officer has no business here.
    const history = await caseworker.get(`/api/v1/residents/${resident.id}/employment-records`).expect(200);
    expect(history.body.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    await school.get(`/api/v1/residents/${resident.id}/employment-records`).expect(403);
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE entity = 'employment_record' AND resident_id = $1 ORDER BY at`,
      [resident.id],
    );
    expect(audited.map((row: { action: string }) => row.action)).toEqual([
      'employment_record.create',
      'employment_record.update',
    ]);
  });
});
