import { addDays, officeDate } from '@app/platform';
import { createCity, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const today = officeDate(new Date(), 'Asia/Tokyo');

describe('Japanese-language courses', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  let counselor: SignedIn;
  let school: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
    counselor = await login(t.http, DEMO.counselor);
    school = await login(t.http, DEMO.school);
  });
  afterAll(() => t.close());

  async function course(fields: Record<string, unknown> = {}) {
    const response = await caseworker.post('/api/v1/language-courses', {
      title: 'にほんご きょうしつ',
      provider: 'Hamamatsu Foundation for International Communications',
      providerKind: 'INTERNATIONAL_ASSOCIATION',
      levelFrom: 'A1',
      levelTo: 'A2',
      instructionLanguage: 'ja-easy',
      capacity: 20,
      startsOn: addDays(today, 7),
      endsOn: addDays(today, 97),
      ...fields,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; capacity: number };
  }

  const residents = (count: number) =>
    Promise.all(Array.from({ length: count }, (_, i) => createResident(caseworker, { givenName: `LEARNER ${i}` })));

  it('enrolls exactly the capacity out of 100 concurrent requests and waitlists the rest in order (10 times)', async () => {
    const people = await residents(100);
    for (let round = 0; round < 10; round += 1) {
      const { id } = await course({ capacity: 20 });
      const answers = await Promise.all(
        people.map((person) =>
          caseworker.post(`/api/v1/language-courses/${id}/enrollments`, { residentId: person.id }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(people.map(() => 201));
      const statuses = answers.map((answer) => answer.body.status as string);
      expect(statuses.filter((status) => status === 'ENROLLED')).toHaveLength(20);
      expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(80);
      // The waitlist is 1..80, in the order the requests were served (request time).
      const waitlisted = answers.map((answer) => answer.body).filter((body) => body.status === 'WAITLISTED');
      const byPosition = [...waitlisted].sort((a, b) => a.waitlistPosition - b.waitlistPosition);
      expect(byPosition.map((body) => body.waitlistPosition)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
      const times = byPosition.map((body) => Date.parse(body.requestedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const enrolledTimes = answers
        .filter((a) => a.body.status === 'ENROLLED')
        .map((a) => Date.parse(a.body.requestedAt));
      expect(Math.max(...enrolledTimes)).toBeLessThanOrEqual(Math.min(...times));
      const read = await caseworker.get(`/api/v1/language-courses/${id}`).expect(200);
      expect(read.body).toMatchObject({ enrolled: 20, waitlisted: 80, seatsLeft: 0 });
    }
  });

  it('promotes the first on the waitlist when a learner withdraws, also after the start date', async () => {
    const [a, b, c, d] = await residents(4);
    // Started ten days ago, ends in three months.
    const { id } = await course({ capacity: 2, startsOn: addDays(today, -10), endsOn: addDays(today, 80) });
    const enroll = async (residentId: string) =>
      (await caseworker.post(`/api/v1/language-courses/${id}/enrollments`, { residentId }).expect(201)).body;
    const first = await enroll(a.id);
    await enroll(b.id);
    const third = await enroll(c.id);
    const fourth = await enroll(d.id);
    expect(first).toMatchObject({ status: 'ENROLLED', enrolledOn: today });
    expect([third.status, third.waitlistPosition, fourth.waitlistPosition]).toEqual(['WAITLISTED', 1, 2]);
    await caseworker.post(`/api/v1/language-courses/${id}/enrollments`, { residentId: a.id }).expect(409);

    const stale = await caseworker.patch(`/api/v1/enrollments/${first.id}`, { version: 99, status: 'WITHDRAWN' });
    expect(stale.status).toBe(409);
    const withdrawn = await caseworker
      .patch(`/api/v1/enrollments/${first.id}`, {
        version: first.version,
        status: 'WITHDRAWN',
        reason: 'moved to Osaka',
      })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', endedOn: today, endReason: 'moved to Osaka' });
    expect(withdrawn.body.promoted).toMatchObject({ residentId: c.id, status: 'ENROLLED', enrolledOn: today });
    // The promoted resident is told, through the outbox written with the promotion.
    const notices = await t.dataSource.query(`SELECT purpose, dedup_key FROM notification WHERE resident_id = $1`, [
      c.id,
    ]);
    expect(notices).toEqual([
      { purpose: 'COURSE_PLACE_OFFERED', dedup_key: `course-place-offered-${withdrawn.body.promoted.id}` },
    ]);

    const roster = (await caseworker.get(`/api/v1/language-courses/${id}/enrollments`).expect(200)).body;
    expect(roster.map((e: { residentId: string; status: string }) => [e.residentId, e.status])).toEqual([
      [b.id, 'ENROLLED'],
      [c.id, 'ENROLLED'],
      [d.id, 'WAITLISTED'],
      [a.id, 'WITHDRAWN'],
    ]);
    expect(roster[2].waitlistPosition).toBe(1);
    // A waitlisted person who withdraws frees no place.
    const waiting = roster[2];
    const left = await caseworker
      .patch(`/api/v1/enrollments/${waiting.id}`, { version: waiting.version, status: 'WITHDRAWN' })
      .expect(200);
    expect(left.body.promoted).toBeNull();
    await caseworker
      .patch(`/api/v1/enrollments/${waiting.id}`, { version: waiting.version + 1, status: 'DROPPED' })
      .expect(409);

    // Raising the capacity enrolls from the waitlist at once.
    const [e] = await residents(1);
    expect((await enroll(e.id)).status).toBe('WAITLISTED');
    const current = (await caseworker.get(`/api/v1/language-courses/${id}`).expect(200)).body;
    const bigger = await caseworker
      .patch(`/api/v1/language-courses/${id}`, { version: current.version, capacity: 3 })
      .expect(200);
    expect(bigger.body).toMatchObject({ enrolled: 3, waitlisted: 0 });
  });

  it('records attendance, signals three absences in a row, and completes learners at 80%', async () => {
    const [good, absent, late] = await residents(3);
    const { id } = await course({ capacity: 5, startsOn: addDays(today, -30), endsOn: addDays(today, 30) });
    const sessions: Array<{ id: string }> = [];
    for (const days of [-28, -21, -14, -7, 0]) {
      sessions.push(
        (await caseworker.post(`/api/v1/language-courses/${id}/sessions`, { heldOn: addDays(today, days) }).expect(201))
          .body,
      );
    }
    await caseworker.post(`/api/v1/language-courses/${id}/sessions`, { heldOn: addDays(today, 31) }).expect(400);
    await caseworker.post(`/api/v1/language-courses/${id}/sessions`, { heldOn: addDays(today, -28) }).expect(409);
    const enrollOf = async (residentId: string) =>
      (await caseworker.post(`/api/v1/language-courses/${id}/enrollments`, { residentId }).expect(201)).body;
    const [g, a, l] = [await enrollOf(good.id), await enrollOf(absent.id), await enrollOf(late.id)];
    // Enrolled today although the course began a month ago: earlier sessions are not theirs.
    expect(g.enrolledOn).toBe(today);
    const record = (sessionId: string, records: Array<[string, string]>) =>
      caseworker.put(`/api/v1/course-sessions/${sessionId}/attendance`, {
        records: records.map(([enrollmentId, status]) => ({ enrollmentId, status })),
      });
    const refused = await record(sessions[0].id, [[g.id, 'PRESENT']]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('records[0].enrollmentId');
    // Make the three count from the start, as a coordinator entering a late register would.
    await t.dataSource.query(`UPDATE enrollment SET enrolled_on = $2 WHERE course_id = $1`, [id, addDays(today, -30)]);

    await record(sessions[0].id, [
      [g.id, 'PRESENT'],
      [a.id, 'PRESENT'],
      [l.id, 'ABSENT'],
    ]).expect(200);
    await record(sessions[1].id, [
      [g.id, 'PRESENT'],
      [a.id, 'ABSENT'],
      [l.id, 'PRESENT'],
    ]).expect(200);
    await record(sessions[2].id, [
      [g.id, 'PRESENT'],
      [a.id, 'ABSENT'],
      [l.id, 'PRESENT'],
    ]).expect(200);
    const third = await record(sessions[3].id, [
      [g.id, 'EXCUSED'],
      [a.id, 'ABSENT'],
      [l.id, 'PRESENT'],
    ]).expect(200);
    expect(third.body.absentThreeInARow).toEqual([
      expect.objectContaining({ residentId: absent.id, consecutiveAbsences: 3, lastAttendedOn: addDays(today, -28) }),
    ]);
    await record(sessions[4].id, [
      [g.id, 'PRESENT'],
      [a.id, 'ABSENT'],
      [l.id, 'PRESENT'],
    ]).expect(200);
    const signals = await caseworker.get(`/api/v1/language-courses/${id}/absent-learners`).expect(200);
    expect(signals.body).toEqual([expect.objectContaining({ residentId: absent.id, consecutiveAbsences: 4 })]);

    const roster = (await caseworker.get(`/api/v1/language-courses/${id}/enrollments`).expect(200)).body;
    const byResident = new Map(roster.map((entry: { residentId: string }) => [entry.residentId, entry]));
    // The excused absence is not counted: 4 of 4 for the first learner.
    expect(byResident.get(good.id)).toMatchObject({ sessionsCounted: 4, sessionsPresent: 4, attendancePercent: 100 });
    expect(byResident.get(late.id)).toMatchObject({ sessionsCounted: 5, sessionsPresent: 4, attendancePercent: 80 });
    expect(byResident.get(absent.id)).toMatchObject({ sessionsCounted: 5, sessionsPresent: 1, attendancePercent: 20 });

    const sheet = await caseworker.get(`/api/v1/language-courses/${id}/attendance.csv`).expect(200);
    expect(sheet.headers['content-type']).toContain('text/csv');
    const lines = sheet.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^SILVA,LEARNER 0,.*,P,P,P,E,P,100$/);

    const closed = await caseworker.post(`/api/v1/language-courses/${id}/close`).expect(200);
    expect(closed.body).toEqual({ closedOn: today, completed: 2, dropped: 1 });
    const after = (await caseworker.get(`/api/v1/language-courses/${id}/enrollments`).expect(200)).body;
    expect(after.find((e: { residentId: string }) => e.residentId === absent.id)).toMatchObject({
      status: 'DROPPED',
      endReason: 'attended 1 of 5 sessions; 80% needed',
    });
    await caseworker.post(`/api/v1/language-courses/${id}/close`).expect(409);
    await caseworker.post(`/api/v1/language-courses/${id}/enrollments`, { residentId: good.id }).expect(409);
  });

  it('keeps proficiency per framework and refuses a level outside it, naming the field', async () => {
    const person = await createResident(caseworker, { familyName: 'NGUYEN', givenName: 'THI MAI', nationality: 'VN' });
    const assess = (body: Record<string, unknown>) =>
      caseworker.post(`/api/v1/residents/${person.id}/proficiency-assessments`, body);
    for (const [framework, level] of [
      ['JLPT', 'N6'],
      ['JLPT', 'C1'],
      ['JF_STANDARD', 'N3'],
      ['SCHOOL_DLA', '7'],
    ]) {
      const bad = await assess({ framework, level, assessedOn: '2026-07-05' });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['level']);
    }
    expect((await assess({ framework: 'CEFR', level: 'A1', assessedOn: '2026-07-05' })).body.errors[0].field).toBe(
      'framework',
    );
    await assess({ framework: 'JLPT', level: 'N5', assessedOn: '2025-12-07', assessor: 'JEES' }).expect(201);
    await assess({ framework: 'JLPT', level: 'N4', assessedOn: '2026-07-05', assessor: 'JEES' }).expect(201);
    await assess({ framework: 'JF_STANDARD', level: 'A2', assessedOn: '2026-09-01' }).expect(201);

    // A PESO counselor sees the level when planning job support.
    const seen = await counselor.get(`/api/v1/residents/${person.id}/language`).expect(200);
    expect(seen.body.latest.map((a: { framework: string; level: string }) => [a.framework, a.level])).toEqual([
      ['JF_STANDARD', 'A2'],
      ['JLPT', 'N4'],
    ]);
    expect(seen.body.assessments).toHaveLength(3);
    await counselor
      .post(`/api/v1/residents/${person.id}/proficiency-assessments`, {
        framework: 'JLPT',
        level: 'N3',
        assessedOn: '2026-07-05',
      })
      .expect(403);
    await school.get(`/api/v1/residents/${person.id}/language`).expect(403);
  });

  it("hides another municipality's courses and residents", async () => {
    const other = await createCity(t, '131016');
    const tokyo = await login(t.http, (await createUser(t, other.id, ['CITY_CASEWORKER'])).email);
    const { id } = await course();
    await tokyo.get(`/api/v1/language-courses/${id}`).expect(404);
    const list = await tokyo.get('/api/v1/language-courses').expect(200);
    expect(list.body.items).toEqual([]);
    const foreign = await createResident(tokyo, { familyName: 'KIM' });
    await caseworker.post(`/api/v1/language-courses/${id}/enrollments`, { residentId: foreign.id }).expect(404);
    const bad = await caseworker.post('/api/v1/language-courses', {
      title: 'x',
      provider: 'y',
      providerKind: 'NPO',
      levelFrom: 'B1',
      levelTo: 'A1',
      instructionLanguage: 'japanese',
      capacity: 0,
      startsOn: '2026-04-01',
      endsOn: '2026-03-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'capacity',
      'instructionLanguage',
    ]);
  });
});
