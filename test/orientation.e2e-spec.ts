import { addDays, officeDate } from '@app/platform';
import { createCity, createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Invitation {
  residentId: string;
  movedInOn: string;
  daysSinceMovedIn: number;
  invitationLanguage: string;
}

describe('newcomer orientation', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  let counselor: SignedIn;
  let school: SignedIn;
  let elsewhere: SignedIn;
  const today = officeDate(new Date());
  const past = addDays(today, -5);
  const upcoming = addDays(today, 14);
  let pastSession: { id: string; version: number };
  let upcomingSession: { id: string; version: number };

  const session = (fields: Record<string, unknown> = {}) => ({
    heldOn: upcoming,
    startsAt: '13:30',
    venue: '浜松市役所 北館 101会議室',
    languages: ['ja-easy', 'vi', 'pt'],
    interpreter: true,
    topics: ['RESIDENCE_PROCEDURES', 'GARBAGE_MANNERS', 'EMERGENCY_DISASTER'],
    capacity: 30,
    ...fields,
  });

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
    counselor = await login(t.http, DEMO.counselor);
    school = await login(t.http, DEMO.school);
    const city = await createCity(t, '131016');
    elsewhere = await login(t.http, (await createUser(t, city.id, ['CITY_CASEWORKER'])).email);
  });
  afterAll(() => t.close());

  it('schedules, lists and changes sessions, refusing a stale version', async () => {
    const created = await caseworker.post('/api/v1/orientation-sessions', session({ heldOn: past })).expect(201);
    expect(created.body).toMatchObject({
      municipalityCode: '221309',
      orgId: caseworker.user.orgId,
      heldOn: past,
      startsAt: '13:30',
      online: false,
      languages: ['ja-easy', 'vi', 'pt'],
      capacity: 30,
      attendance: { registered: 0, attended: 0, noShow: 0 },
      version: 1,
    });
    pastSession = created.body;
    const online = await caseworker
      .post('/api/v1/orientation-sessions', session({ venue: undefined, online: true, startsAt: null }))
      .expect(201);
    upcomingSession = online.body;
    expect(online.body).toMatchObject({ online: true, venue: null, startsAt: null });
    const nowhere = await caseworker.post('/api/v1/orientation-sessions', session({ venue: null }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors[0].field).toBe('venue');

    const list = await caseworker.get('/api/v1/orientation-sessions').expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([pastSession.id, upcomingSession.id]);
    const from = await caseworker.get(`/api/v1/orientation-sessions?from=${today}`).expect(200);
    expect(from.body.items.map((s: { id: string }) => s.id)).toEqual([upcomingSession.id]);
    const to = await caseworker.get(`/api/v1/orientation-sessions?to=${today}`).expect(200);
    expect(to.body.items.map((s: { id: string }) => s.id)).toEqual([pastSession.id]);
    const first = await caseworker.get('/api/v1/orientation-sessions?limit=1').expect(200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([pastSession.id]);
    const second = await caseworker
      .get(`/api/v1/orientation-sessions?limit=1&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ id: upcomingSession.id }], nextCursor: null });
    expect((await elsewhere.get('/api/v1/orientation-sessions').expect(200)).body.items).toEqual([]);
    await elsewhere.get(`/api/v1/orientation-sessions/${pastSession.id}`).expect(404);
    // A PESO counselor sees the sessions, to point clients to the next one.
    await counselor.get(`/api/v1/orientation-sessions/${upcomingSession.id}`).expect(200);

    const path = `/api/v1/orientation-sessions/${upcomingSession.id}`;
    const changed = await caseworker
      .patch(path, { version: 1, topics: ['HEALTH_INSURANCE', 'TAX'], startsAt: '10:00', note: '定員に注意' })
      .expect(200);
    expect(changed.body).toMatchObject({ version: 2, topics: ['HEALTH_INSURANCE', 'TAX'], startsAt: '10:00' });
    upcomingSession = changed.body;
    const stale = await caseworker.patch(path, { version: 1, capacity: 10 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:kyosei:problem:version-conflict');
    expect((await caseworker.get(path).expect(200)).body).toMatchObject({ version: 2, capacity: 30 });
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, entity_id, diff FROM audit_event WHERE action = 'orientation-session.update'`,
    );
    expect(audit).toMatchObject({ actor_user_id: caseworker.user.id, entity_id: upcomingSession.id });
    expect(audit.diff.topics[1]).toEqual(['HEALTH_INSURANCE', 'TAX']);
  });

  it('answers 400 naming the field for an unknown topic, a bad language or an unknown status', async () => {
    const badTopic = await caseworker.post('/api/v1/orientation-sessions', session({ topics: ['TAX', 'GOSSIP'] }));
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.errors.map((e: { field: string }) => e.field)).toEqual(['topics']);
    const noTopic = await caseworker.post('/api/v1/orientation-sessions', session({ topics: [] }));
    expect(noTopic.status).toBe(400);
    expect(noTopic.body.errors[0].field).toBe('topics');
    for (const languages of [['vietnamese'], ['xx'], ['pt-BR'], []]) {
      const bad = await caseworker.post('/api/v1/orientation-sessions', session({ languages }));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['languages']);
    }
    const badPatch = await caseworker.patch(`/api/v1/orientation-sessions/${upcomingSession.id}`, {
      version: upcomingSession.version,
      languages: ['klingon'],
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.errors[0].field).toBe('languages');

    const resident = await createResident(caseworker);
    const badStatus = await caseworker.put(`/api/v1/orientation-sessions/${pastSession.id}/attendance`, {
      residentId: resident.id,
      status: 'MAYBE',
    });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
    const badLanguage = await caseworker.put(`/api/v1/orientation-sessions/${pastSession.id}/attendance`, {
      residentId: resident.id,
      status: 'ATTENDED',
      language: 'vietnamese',
    });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.errors[0].field).toBe('language');
    const badCursor = await caseworker.get('/api/v1/orientation/newcomer-invitations?cursor=eyJrIjoieCIsImlkIjoieSJ9');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const badWindow = await caseworker.get('/api/v1/orientation/newcomer-invitations?withinDays=0');
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.errors[0].field).toBe('withinDays');
  });

  it('registers and records attendance of residents of the municipality, with a roster and its CSV', async () => {
    const pham = await createResident(caseworker, {
      familyName: 'PHAM',
      givenName: 'VAN AN',
      kanaName: 'ファム ヴァン アン',
    });
    const silva = await createResident(caseworker, { familyName: 'SILVA', givenName: 'ANA, MARIA' });
    const attendance = `/api/v1/orientation-sessions/${pastSession.id}/attendance`;

    const registered = await caseworker.put(attendance, { residentId: pham.id, status: 'REGISTERED' }).expect(200);
    expect(registered.body).toMatchObject({ residentId: pham.id, status: 'REGISTERED', language: null });
    const attended = await caseworker
      .put(attendance, { residentId: pham.id, status: 'ATTENDED', language: 'vi' })
      .expect(200);
    expect(attended.body).toMatchObject({ familyName: 'PHAM', status: 'ATTENDED', language: 'vi' });
    await caseworker.put(attendance, { residentId: silva.id, status: 'NO_SHOW' }).expect(200);
    // Attendance of a session still to come cannot be recorded yet; a registration can.
    const early = await caseworker.put(`/api/v1/orientation-sessions/${upcomingSession.id}/attendance`, {
      residentId: silva.id,
      status: 'ATTENDED',
    });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('status');
    await caseworker
      .put(`/api/v1/orientation-sessions/${upcomingSession.id}/attendance`, {
        residentId: silva.id,
        status: 'REGISTERED',
      })
      .expect(200);

    // Another municipality's resident, or no resident at all: 404.
    const stranger = await createResident(elsewhere, { familyName: 'KIM' });
    await caseworker.put(attendance, { residentId: stranger.id, status: 'REGISTERED' }).expect(404);
    await caseworker
      .put(attendance, { residentId: '00000000-0000-4000-8000-000000000000', status: 'REGISTERED' })
      .expect(404);
    // Nor may the other city record attendance at this city's session.
    await elsewhere.put(attendance, { residentId: stranger.id, status: 'REGISTERED' }).expect(404);

    const roster = await caseworker.get(attendance).expect(200);
    expect(roster.body.map((a: { familyName: string; status: string }) => `${a.familyName} ${a.status}`)).toEqual([
      'PHAM ATTENDED',
      'SILVA NO_SHOW',
    ]);
    const csv = await caseworker.get(`${attendance}.csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('resident_id,family_name,given_name,middle_name,kana_name,status,language,recorded_at');
    expect(lines[1]).toMatch(new RegExp(`^${pham.id},PHAM,VAN AN,,ファム ヴァン アン,ATTENDED,vi,\\d{4}-`));
    expect(lines[2]).toMatch(new RegExp(`^${silva.id},SILVA,"ANA, MARIA",,,NO_SHOW,,`));
    const counts = await caseworker.get(`/api/v1/orientation-sessions/${pastSession.id}`).expect(200);
    expect(counts.body.attendance).toEqual({ registered: 0, attended: 1, noShow: 1 });
    const postponed = await caseworker.patch(`/api/v1/orientation-sessions/${pastSession.id}`, {
      version: counts.body.version,
      heldOn: upcoming,
    });
    expect(postponed.status).toBe(400);
    expect(postponed.body.errors[0].field).toBe('heldOn');

    const audits = await t.dataSource.query(
      `SELECT action, resident_id, diff FROM audit_event
        WHERE action LIKE 'orientation-attendance.%' AND entity_id = $1 ORDER BY at, id`,
      [pastSession.id],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual([
      'orientation-attendance.record',
      'orientation-attendance.record',
      'orientation-attendance.record',
      'orientation-attendance.read',
      'orientation-attendance.export',
    ]);
    expect(audits[1]).toMatchObject({
      resident_id: pham.id,
      diff: { status: ['REGISTERED', 'ATTENDED'], language: [null, 'vi'] },
    });
    expect(audits[3].diff.returned).toEqual([pham.id, silva.id]);
  });

  it('refuses a registration beyond the capacity with 409', async () => {
    const small = await caseworker
      .post('/api/v1/orientation-sessions', session({ capacity: 1, heldOn: addDays(today, 30) }))
      .expect(201);
    const [first, second] = [await createResident(caseworker), await createResident(caseworker)];
    const path = `/api/v1/orientation-sessions/${small.body.id}/attendance`;
    await caseworker.put(path, { residentId: first.id, status: 'REGISTERED' }).expect(200);
    await caseworker.put(path, { residentId: first.id, status: 'REGISTERED', language: 'pt' }).expect(200);
    const full = await caseworker.put(path, { residentId: second.id, status: 'REGISTERED' });
    expect(full.status).toBe(409);
    expect(full.body.type).toBe('urn:kyosei:problem:session-full');
    const shrink = await caseworker.patch(`/api/v1/orientation-sessions/${small.body.id}`, {
      version: 1,
      capacity: 1,
      online: false,
    });
    expect(shrink.status).toBe(200);
  });

  it("shows a resident's orientation record to a PESO counselor, audited", async () => {
    const resident = await createResident(caseworker, {
      familyName: 'NGUYEN',
      nationality: 'VN',
      preferredLanguage: 'vi',
    });
    await caseworker
      .put(`/api/v1/orientation-sessions/${pastSession.id}/attendance`, {
        residentId: resident.id,
        status: 'ATTENDED',
        language: 'ja-easy',
      })
      .expect(200);
    await caseworker
      .put(`/api/v1/orientation-sessions/${upcomingSession.id}/attendance`, {
        residentId: resident.id,
        status: 'REGISTERED',
      })
      .expect(200);
    const record = await counselor.get(`/api/v1/residents/${resident.id}/orientation`).expect(200);
    expect(record.body).toMatchObject({
      residentId: resident.id,
      attended: true,
      lastAttendedOn: past,
      topicsCovered: ['RESIDENCE_PROCEDURES', 'EMERGENCY_DISASTER', 'GARBAGE_MANNERS'],
    });
    expect(
      record.body.sessions.map((s: { sessionId: string; status: string; heldOn: string }) => [s.sessionId, s.status]),
    ).toEqual([
      [upcomingSession.id, 'REGISTERED'],
      [pastSession.id, 'ATTENDED'],
    ]);
    expect(record.body.sessions[1]).toMatchObject({
      heldOn: past,
      language: 'ja-easy',
      languages: ['ja-easy', 'vi', 'pt'],
    });
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, resident_id FROM audit_event WHERE action = 'orientation.read' AND resident_id = $1`,
      [resident.id],
    );
    expect(audit).toEqual({ actor_user_id: counselor.user.id, resident_id: resident.id });
    await caseworker.get(`/api/v1/residents/${resident.id}/orientation`).expect(200);
    // A PESO serving another prefecture's city does not see the resident at all.
    const far = await login(
      t.http,
      (await createUser(t, (await createPeso(t, ['131016'])).id, ['PESO_COUNSELOR'])).email,
    );
    await far.get(`/api/v1/residents/${resident.id}/orientation`).expect(404);
    await elsewhere.get(`/api/v1/residents/${resident.id}/orientation`).expect(404);
  });

  it('lists newcomers who moved in recently and have not attended, in move-in order, with paging', async () => {
    const movedIn = (days: number, fields: Record<string, unknown> = {}) =>
      createResident(caseworker, { movedInOn: addDays(today, -days), ...fields });
    const recent = await movedIn(10, {
      familyName: 'TRAN',
      preferredLanguage: 'vi',
      communicationLevel: 'INTERPRETER_NEEDED',
    });
    const easy = await movedIn(10, { familyName: 'LE', preferredLanguage: 'vi', communicationLevel: 'EASY_JA' });
    const attended = await movedIn(10, { familyName: 'DO' });
    const registeredOnly = await movedIn(20, { familyName: 'SANTOS', preferredLanguage: 'pt-BR' });
    const long = await movedIn(200, { familyName: 'OLD' });
    const left = await movedIn(30, { familyName: 'GONE', movedOutOn: addDays(today, -1) });
    const leaving = await movedIn(40, { familyName: 'LEAVING', movedOutOn: addDays(today, 7) });
    const notRegistered = await movedIn(5, {
      familyName: 'VISITOR',
      registryCategory: 'NOT_REGISTERED',
      residentKey: null,
      statusCode: 'TEMPORARY_VISITOR',
      preferredLanguage: null,
    });
    const future = await movedIn(-3, { familyName: 'SOON' });
    const stranger = await createResident(elsewhere, { movedInOn: addDays(today, -10), familyName: 'FAR' });
    await caseworker
      .put(`/api/v1/orientation-sessions/${pastSession.id}/attendance`, { residentId: attended.id, status: 'ATTENDED' })
      .expect(200);
    await caseworker
      .put(`/api/v1/orientation-sessions/${upcomingSession.id}/attendance`, {
        residentId: registeredOnly.id,
        status: 'REGISTERED',
      })
      .expect(200);

    const list = await caseworker.get('/api/v1/orientation/newcomer-invitations').expect(200);
    expect(list.body).toMatchObject({ today, movedInFrom: addDays(today, -90), nextCursor: null });
    const items: Invitation[] = list.body.items;
    const ids = items.map((item) => item.residentId);
    const tenDaysAgo = [recent.id, easy.id].sort();
    expect(ids).toEqual([leaving.id, registeredOnly.id, ...tenDaysAgo, notRegistered.id]);
    for (const absent of [attended, long, left, future, stranger]) expect(ids).not.toContain(absent.id);
    const byId = new Map(items.map((item) => [item.residentId, item]));
    expect(byId.get(recent.id)).toMatchObject({
      familyName: 'TRAN',
      movedInOn: addDays(today, -10),
      daysSinceMovedIn: 10,
      preferredLanguage: 'vi',
      communicationLevel: 'INTERPRETER_NEEDED',
      invitationLanguage: 'vi',
    });
    expect(byId.get(easy.id)!.invitationLanguage).toBe('ja-easy');
    expect(byId.get(registeredOnly.id)!.invitationLanguage).toBe('pt');
    expect(byId.get(notRegistered.id)!.invitationLanguage).toBe('ja-easy');

    // One audit record per read, naming whom it returned.
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, diff FROM audit_event WHERE action = 'orientation.newcomer-invitations.read'`,
    );
    expect(audit).toMatchObject({
      actor_user_id: caseworker.user.id,
      diff: { on: today, withinDays: 90, returned: ids },
    });

    const wider = await caseworker.get('/api/v1/orientation/newcomer-invitations?withinDays=365').expect(200);
    expect(wider.body.items[0].residentId).toBe(long.id);
    expect(wider.body.items).toHaveLength(ids.length + 1);
    const narrower = await caseworker.get('/api/v1/orientation/newcomer-invitations?withinDays=7').expect(200);
    expect(narrower.body.items.map((item: Invitation) => item.residentId)).toEqual([notRegistered.id]);

    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Invitation[]; nextCursor: string | null } = (
        await caseworker
          .get(`/api/v1/orientation/newcomer-invitations?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body;
      paged.push(...page.items.map((item) => item.residentId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(paged).toEqual(ids);

    const csv = await caseworker.get('/api/v1/orientation/newcomer-invitations.csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'resident_id,family_name,given_name,middle_name,kana_name,moved_in_on,days_since_moved_in,preferred_language,' +
        'communication_level,invitation_language',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(ids);
    expect(lines).toContain(`${recent.id},TRAN,ANA,,,${addDays(today, -10)},10,vi,INTERPRETER_NEEDED,vi`);
    const csvWider = await caseworker.get('/api/v1/orientation/newcomer-invitations.csv?withinDays=365').expect(200);
    expect(csvWider.text.trim().split('\n')).toHaveLength(ids.length + 2);
    const [exported] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'orientation.newcomer-invitations.export' ORDER BY at LIMIT 1`,
    );
    expect(exported.diff).toEqual({ on: today, withinDays: 90, municipalityCodes: ['221309'] });

    // The other city sees its own newcomer, never ours.
    const theirs = await elsewhere.get('/api/v1/orientation/newcomer-invitations').expect(200);
    expect(theirs.body.items.map((item: Invitation) => item.residentId)).toEqual([stranger.id]);
  });

  it('refuses the school officer (403) on every orientation route, and the counselor on the city’s', async () => {
    const id = pastSession.id;
    const resident = await createResident(caseworker);
    const routes: Array<[SignedIn, 'get' | 'post' | 'patch' | 'put', string]> = [
      [school, 'post', '/api/v1/orientation-sessions'],
      [school, 'get', '/api/v1/orientation-sessions'],
      [school, 'get', `/api/v1/orientation-sessions/${id}`],
      [school, 'patch', `/api/v1/orientation-sessions/${id}`],
      [school, 'put', `/api/v1/orientation-sessions/${id}/attendance`],
      [school, 'get', `/api/v1/orientation-sessions/${id}/attendance`],
      [school, 'get', `/api/v1/orientation-sessions/${id}/attendance.csv`],
      [school, 'get', `/api/v1/residents/${resident.id}/orientation`],
      [school, 'get', '/api/v1/orientation/newcomer-invitations'],
      [school, 'get', '/api/v1/orientation/newcomer-invitations.csv'],
      [counselor, 'post', '/api/v1/orientation-sessions'],
      [counselor, 'put', `/api/v1/orientation-sessions/${id}/attendance`],
      [counselor, 'get', `/api/v1/orientation-sessions/${id}/attendance`],
      [counselor, 'get', '/api/v1/orientation/newcomer-invitations'],
    ];
    const wrong: string[] = [];
    for (const [who, method, path] of routes) {
      const response = await who[method](path);
      if (response.status !== 403) wrong.push(`${method} ${path} -> ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
