import { AlertsProcessor, AlertsService } from '@app/alerts';
import { addDays, officeDate } from '@app/platform';
import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { startWorker } from './support/register.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const today = officeDate(new Date(), 'Asia/Tokyo');

interface Alert {
  id: string;
  ruleCode: string;
  status: string;
  version: number;
  resolvedBySystem: boolean;
  reason: { ja: string; en: string };
}

describe('alerts', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let caseworker: SignedIn;
  let counselor: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    worker = await startWorker(t);
    caseworker = await login(t.http, DEMO.caseworker);
    counselor = await login(t.http, DEMO.counselor);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const alertsOf = async (who: SignedIn, residentId: string, status = ''): Promise<Alert[]> =>
    (await who.get(`/api/v1/alerts?residentId=${residentId}${status ? `&status=${status}` : ''}`).expect(200)).body
      .items;

  /** Waits until the queued evaluation has done its work. */
  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const sweep = () =>
    worker.get(AlertsProcessor).process({
      name: 'alert-sweep',
      data: {},
      updateProgress: async () => undefined,
    } as unknown as Job) as Promise<{ opened: number; resolved: number }>;

  it('opens NO_HEALTH_COVERAGE on change and resolves it within one incremental evaluation once covered', async () => {
    const resident = await createResident(caseworker, {
      familyName: 'OLIVEIRA',
      givenName: 'JOAO',
      birthDate: '1990-05-10',
    });
    const open = await eventually(
      () => alertsOf(caseworker, resident.id),
      (alerts) =>
        ['NO_HEALTH_COVERAGE', 'NO_PENSION_COVERAGE'].every((code) => alerts.some((a) => a.ruleCode === code)),
    );
    const health = open.find((a) => a.ruleCode === 'NO_HEALTH_COVERAGE')!;
    expect(health).toMatchObject({ status: 'OPEN' });
    expect(health.reason.en).toContain('NHI');
    expect(open.map((a) => a.ruleCode)).toContain('NO_PENSION_COVERAGE');

    await caseworker
      .post(`/api/v1/residents/${resident.id}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: addDays(today, -1),
      })
      .expect(201);
    const after = await eventually(
      () => alertsOf(caseworker, resident.id, 'RESOLVED'),
      (alerts) => alerts.some((a) => a.ruleCode === 'NO_HEALTH_COVERAGE'),
    );
    expect(after.find((a) => a.ruleCode === 'NO_HEALTH_COVERAGE')).toMatchObject({
      id: health.id,
      status: 'RESOLVED',
      resolvedBySystem: true,
    });
    // The pension gap is still there.
    expect((await alertsOf(caseworker, resident.id)).map((a) => a.ruleCode)).toEqual(['NO_PENSION_COVERAGE']);
  });

  it('keeps up with a burst of coverage changes: every resident of the burst gets exactly their own outcome', async () => {
    const residents: Array<{ id: string }> = [];
    for (let i = 0; i < 40; i += 1) {
      residents.push(
        await createResident(caseworker, {
          familyName: `BURST${String.fromCharCode(65 + (i % 26))}`,
          givenName: `N${i}`,
        }),
      );
    }
    const openCount = async (rule: string) =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM alert WHERE rule_code = $1 AND status = 'OPEN' AND resident_id = ANY ($2::uuid[])`,
          [rule, residents.map((r) => r.id)],
        )
      )[0].n as number;
    await eventually(
      () => openCount('NO_HEALTH_COVERAGE'),
      (n) => n === 40,
    );
    // Half of them enrol in NHI at the same moment; the other half change nothing.
    const covered = residents.slice(0, 20);
    await Promise.all(
      covered.map((resident) =>
        caseworker
          .post(`/api/v1/residents/${resident.id}/coverage-periods`, {
            scheme: 'NHI',
            role: 'INSURED',
            startDate: addDays(today, -3),
          })
          .expect(201),
      ),
    );
    expect(
      await eventually(
        () => openCount('NO_HEALTH_COVERAGE'),
        (n) => n === 20,
      ),
    ).toBe(20);
    const stillOpen: Array<{ resident_id: string }> = await t.dataSource.query(
      `SELECT resident_id FROM alert WHERE rule_code = 'NO_HEALTH_COVERAGE' AND status = 'OPEN' AND resident_id = ANY ($1::uuid[])`,
      [residents.map((r) => r.id)],
    );
    expect(stillOpen.map((row) => row.resident_id).sort()).toEqual(
      residents
        .slice(20)
        .map((r) => r.id)
        .sort(),
    );
    // Their pension gap is untouched: one open alert each, never two.
    expect(await openCount('NO_PENSION_COVERAGE')).toBe(40);
  });

  it('creates no duplicate alerts when the nightly sweep runs again', async () => {
    const resident = await createResident(caseworker, { familyName: 'GURUNG', givenName: 'RAM', nationality: 'NP' });
    await eventually(
      () => alertsOf(caseworker, resident.id),
      (alerts) => alerts.length === 2,
    );
    await sweep();
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM alert`))[0].n as number;
    const before = await count();
    const second = await sweep();
    expect(second.opened).toBe(0);
    expect(await count()).toBe(before);
    const third = await sweep();
    expect(third).toMatchObject({ opened: 0, resolved: 0 });
    const open = await t.dataSource.query(
      `SELECT rule_code, subject_key, count(*)::int AS n FROM alert WHERE status IN ('OPEN', 'ACKNOWLEDGED')
        GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(open).toEqual([]);
  });

  it('is acknowledged, dismissed with a reason, and stays quiet until its cause goes away and comes back', async () => {
    const resident = await createResident(caseworker, { familyName: 'TAMANG', givenName: 'SITA', nationality: 'NP' });
    const [pension] = (
      await eventually(
        () => alertsOf(caseworker, resident.id),
        (alerts) => alerts.some((a) => a.ruleCode === 'NO_PENSION_COVERAGE'),
      )
    ).filter((a) => a.ruleCode === 'NO_PENSION_COVERAGE');
    const acknowledged = await caseworker
      .patch(`/api/v1/alerts/${pension.id}`, { version: pension.version, status: 'ACKNOWLEDGED' })
      .expect(200);
    expect(acknowledged.body.status).toBe('ACKNOWLEDGED');
    await caseworker
      .patch(`/api/v1/alerts/${pension.id}`, { version: pension.version, status: 'RESOLVED' })
      .expect(409);
    const noReason = await caseworker.patch(`/api/v1/alerts/${pension.id}`, {
      version: acknowledged.body.version,
      status: 'DISMISSED',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await caseworker
      .patch(`/api/v1/alerts/${pension.id}`, {
        version: acknowledged.body.version,
        status: 'DISMISSED',
        reason: 'Exempted (student special payment) — paper form seen',
      })
      .expect(200);
    // The cause is still there, but a dismissed alert is not opened again.
    await sweep();
    expect((await alertsOf(caseworker, resident.id)).map((a) => a.ruleCode)).not.toContain('NO_PENSION_COVERAGE');

    // The cause goes away (pension on record) and comes back (the period ends): a new alert.
    const period = await caseworker
      .post(`/api/v1/residents/${resident.id}/coverage-periods`, {
        scheme: 'NP',
        role: 'NP_CATEGORY_1',
        startDate: addDays(today, -30),
      })
      .expect(201);
    await sweep();
    await caseworker
      .patch(`/api/v1/residents/${resident.id}/coverage-periods/${period.body.id}`, {
        version: period.body.version,
        endDate: addDays(today, -1),
      })
      .expect(200);
    await sweep();
    const again = await alertsOf(caseworker, resident.id);
    const reopened = again.find((a) => a.ruleCode === 'NO_PENSION_COVERAGE');
    expect(reopened).toBeDefined();
    expect(reopened!.id).not.toBe(pension.id);
  });

  it("shows each office only its own alerts, and a case's overdue action to the office that owns it", async () => {
    const resident = await createResident(caseworker, { familyName: 'KIM', givenName: 'MINJI', nationality: 'KR' });
    const opened = await caseworker
      .post('/api/v1/cases', {
        residentId: resident.id,
        category: 'HOUSING',
        title: 'Eviction notice',
        nextActionOn: addDays(today, -2),
      })
      .expect(201);
    const cityAlerts = await eventually(
      () => alertsOf(caseworker, resident.id),
      (alerts) => alerts.length === 3,
    );
    expect(cityAlerts.map((a) => a.ruleCode).sort()).toEqual(
      ['CASE_ACTION_OVERDUE', 'NO_HEALTH_COVERAGE', 'NO_PENSION_COVERAGE'].sort(),
    );
    // The case's timeline shows the alert raised about it.
    const timeline = await caseworker.get(`/api/v1/cases/${opened.body.id}/timeline`).expect(200);
    expect(timeline.body.map((entry: { what: string }) => entry.what)).toEqual([
      'created',
      'alert.case_action_overdue',
    ]);
    // The PESO works employment insurance, not the city's health and pension gaps or its cases.
    const pesoAlerts = await alertsOf(counselor, resident.id);
    expect(pesoAlerts.map((a) => a.ruleCode)).toEqual([]);
    const health = cityAlerts.find((a) => a.ruleCode === 'NO_HEALTH_COVERAGE')!;
    await counselor.get(`/api/v1/alerts/${health.id}`).expect(404);
    await counselor
      .patch(`/api/v1/alerts/${health.id}`, { version: health.version, status: 'ACKNOWLEDGED' })
      .expect(404);

    const counts = await caseworker.get('/api/v1/alerts/counts').expect(200);
    expect(counts.body.find((c: { ruleCode: string }) => c.ruleCode === 'CASE_ACTION_OVERDUE').open).toBeGreaterThan(0);
    const rules = await caseworker.get('/api/v1/alert-rules').expect(200);
    expect(rules.body.map((r: { ruleCode: string }) => r.ruleCode)).toEqual(
      expect.arrayContaining(['NO_HEALTH_COVERAGE', 'STATUS_EXPIRING_NO_INSURANCE', 'LEARNER_ABSENT_3']),
    );
    expect(t.app.get(AlertsService)).toBeDefined();
  });
});
