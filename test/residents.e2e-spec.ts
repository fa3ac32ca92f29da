import type request from 'supertest';
import { createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('resident registry', () => {
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

  it('creates, reads and updates a resident with optimistic concurrency', async () => {
    const created = await createResident(caseworker, { residenceCardNumber: 'ab 12345678 cd' });
    expect(created).toMatchObject({
      municipalityCode: '221309',
      familyName: 'SILVA',
      residenceCardLast4: '78CD',
      version: 1,
    });
    expect(JSON.stringify(created)).not.toContain('12345678');

    const read = await caseworker.get(`/api/v1/residents/${created.id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');

    const noIfMatch = await caseworker.patch(`/api/v1/residents/${created.id}`, { address: '浜松市中区元城町103-2' });
    expect(noIfMatch.status).toBe(428);

    const updated = await caseworker
      .patch(`/api/v1/residents/${created.id}`, { address: '浜松市中区元城町103-2' })
      .set('if-match', '"1"')
      .expect(200);
    expect(updated.body).toMatchObject({ address: '浜松市中区元城町103-2', version: 2 });
    expect(updated.headers.etag).toBe('"2"');

    const stale = await caseworker
      .patch(`/api/v1/residents/${created.id}`, { address: 'somewhere else' })
      .set('if-match', '"1"');
    expect(stale.status).toBe(409);
    expect((await caseworker.get(`/api/v1/residents/${created.id}`)).body.address).toBe('浜松市中区元城町103-2');
  });

  it('refuses bad input with field-level reasons, and duplicates of the register key', async () => {
    const bad = await caseworker.post('/api/v1/residents', {
      residentKey: 'X1',
      familyName: 'A',
      birthDate: '2027-02-29',
      sex: 'Q',
      nationality: 'XX',
      registryCategory: 'MID_LONG_TERM',
      statusCode: 'ASTRONAUT',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['birthDate', 'sex', 'nationality']));

    const unknownStatus = await caseworker.post('/api/v1/residents', {
      residentKey: 'X2',
      familyName: 'A',
      birthDate: '1990-01-01',
      sex: 'M',
      nationality: 'PH',
      registryCategory: 'MID_LONG_TERM',
      statusCode: 'ASTRONAUT',
    });
    expect(unknownStatus.status).toBe(400);
    expect(unknownStatus.body.errors[0].field).toBe('statusCode');

    await createResident(caseworker, { residentKey: 'DUP-1' });
    const duplicate = await caseworker.post('/api/v1/residents', {
      residentKey: 'DUP-1',
      familyName: 'B',
      birthDate: '1990-01-01',
      sex: 'M',
      nationality: 'PH',
      registryCategory: 'MID_LONG_TERM',
    });
    expect(duplicate.status).toBe(409);
  });

  it('records people who are not registered, without a register key', async () => {
    const missingKey = await caseworker.post('/api/v1/residents', {
      familyName: 'TRAN',
      birthDate: '1988-03-03',
      sex: 'M',
      nationality: 'VN',
      registryCategory: 'MID_LONG_TERM',
    });
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.errors[0].field).toBe('residentKey');

    const unregistered = await createResident(caseworker, {
      residentKey: null,
      familyName: 'TRAN',
      registryCategory: 'NOT_REGISTERED',
      statusCode: null,
      stayExpiryDate: null,
    });
    expect(unregistered.registryCategory).toBe('NOT_REGISTERED');
    const listed = await caseworker.get('/api/v1/residents?registryCategory=NOT_REGISTERED').expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(unregistered.id);
  });

  it('keeps a history of every status change', async () => {
    const resident = await createResident(caseworker, {
      statusCode: 'TITP_2',
      statusSubtype: 'RO',
      stayExpiryDate: '2027-01-31',
    });
    await caseworker
      .patch(`/api/v1/residents/${resident.id}`, {
        statusCode: 'SSW_1',
        statusSubtype: null,
        stayExpiryDate: '2029-01-31',
      })
      .set('if-match', '"1"')
      .expect(200);
    const history = await caseworker.get(`/api/v1/residents/${resident.id}/status-history`).expect(200);
    expect(history.body.items.map((row: { statusCode: string }) => row.statusCode)).toEqual(['SSW_1', 'TITP_2']);
    const wrongSubtype = await caseworker
      .patch(`/api/v1/residents/${resident.id}`, { statusSubtype: 'Z' })
      .set('if-match', '"2"');
    expect(wrongSubtype.status).toBe(400);
  });

  it('finds NGUYEN VAN AN by any form of the name, and by key, birth date, card and expiry', async () => {
    const an = await createResident(caseworker, {
      residentKey: 'NVA-1',
      familyName: 'NGUYEN',
      givenName: 'VAN AN',
      kanaName: 'グエン ヴァン アン',
      kanjiName: '阮文安',
      birthDate: '1996-02-14',
      sex: 'M',
      nationality: 'VN',
      statusCode: 'TITP_2',
      statusSubtype: 'RO',
      stayExpiryDate: '2027-01-15',
      residenceCardNumber: 'ZZ98765432AB',
    });
    await createResident(caseworker, {
      familyName: 'NGUYEN',
      givenName: 'THI HOA',
      birthDate: '1999-09-09',
      sex: 'F',
      nationality: 'VN',
    });
    const ids = async (query: string) =>
      (await caseworker.get(`/api/v1/residents?${query}`).expect(200)).body.items.map((r: { id: string }) => r.id);

    for (const q of [
      'nguyen an',
      'グエン　ヴァン　アン',
      'ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ',
      'Nguyễn Văn An',
      'AN NGUYEN',
      'ngyuen van an',
      '阮文安',
    ]) {
      const found = await ids(`q=${encodeURIComponent(q)}`);
      expect({ q, first: found[0] }).toEqual({ q, first: an.id });
    }
    expect(await ids('residentKey=NVA-1')).toEqual([an.id]);
    expect(await ids('birthDate=1996-02-14')).toEqual([an.id]);
    expect(await ids('cardNumber=ZZ98765432AB')).toEqual([an.id]);
    expect(await ids('statusExpiresBefore=2027-02-01')).toContain(an.id);
    expect(await ids('statusExpiresBefore=2027-01-15')).not.toContain(an.id);
  });

  it('groups residents into a household with a head, and moves them out again', async () => {
    const mother = await createResident(caseworker, { familyName: 'REYES', givenName: 'MARIA', nationality: 'PH' });
    const son = await createResident(caseworker, {
      familyName: 'REYES',
      givenName: 'JOSE',
      birthDate: '2015-08-08',
      nationality: 'PH',
    });
    const created = await caseworker
      .post('/api/v1/households', {
        householdKey: 'H-REYES',
        memberIds: [mother.id, son.id],
        headResidentId: mother.id,
      })
      .expect(201);
    expect(created.body.headResidentId).toBe(mother.id);
    expect(created.body.members.map((m: { id: string }) => m.id).sort()).toEqual([mother.id, son.id].sort());
    const members = await caseworker.get(`/api/v1/residents?householdId=${created.body.id}`).expect(200);
    expect(members.body.items).toHaveLength(2);

    await caseworker.delete(`/api/v1/households/${created.body.id}/members/${mother.id}`).expect(204);
    const after = await caseworker.get(`/api/v1/households/${created.body.id}`).expect(200);
    expect(after.body.headResidentId).toBeNull();
    expect(after.body.members.map((m: { id: string }) => m.id)).toEqual([son.id]);
    const head = await caseworker.patch(`/api/v1/households/${created.body.id}`, {
      version: after.body.version,
      headResidentId: mother.id,
    });
    expect(head.status).toBe(400);
    await caseworker
      .patch(`/api/v1/households/${created.body.id}`, { version: after.body.version, headResidentId: son.id })
      .expect(200);
    await caseworker.post('/api/v1/households', { householdKey: 'H-REYES' }).expect(409);
  });

  it('pages through a list with a cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: request.Response = await caseworker
        .get(`/api/v1/residents?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      for (const resident of page.body.items) {
        expect(seen.has(resident.id)).toBe(false);
        seen.add(resident.id);
      }
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const all = await caseworker.get('/api/v1/residents?limit=200').expect(200);
    expect(seen.size).toBe(all.body.items.length);
    expect(pages).toBeGreaterThan(1);
  });

  it('pages through name matches, exact and misspelt, with and without other filters', async () => {
    const ids: string[] = [];
    for (const given of ['MINH', 'MINH TUAN', 'MINH ANH', 'MINH CHAU', 'MINH DUC']) {
      ids.push(
        (await createResident(caseworker, { familyName: 'PHAM', givenName: given, birthDate: '1994-04-04' })).id,
      );
    }
    const pages = async (query: string) => {
      const found: string[] = [];
      let cursor: string | null = null;
      let count = 0;
      do {
        const page: request.Response = await caseworker
          .get(`/api/v1/residents?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        found.push(...page.body.items.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor;
        count += 1;
      } while (cursor && count < 20);
      return found;
    };
    for (const query of ['q=pham%20minh', 'q=minh%20pham&birthDate=1994-04-04', 'q=phma%20minh']) {
      const found = await pages(query);
      expect({ query, found: [...found].sort() }).toEqual({ query, found: [...ids].sort() });
    }
    // Shorter names first: PHAM MINH before the longer forms.
    expect((await pages('q=pham%20minh'))[0]).toBe(ids[0]);
  });

  it('lists each resident once for a pair of words, shortest name first, and follows renames', async () => {
    // Two forms hold "mark cruz": the common name (2 words) and the alphabet name (3 words).
    const mark = await createResident(caseworker, {
      familyName: 'DELA CRUZ',
      givenName: 'MARK',
      commonName: 'MARK CRUZ',
      nationality: 'PH',
    });
    const anthony = await createResident(caseworker, {
      familyName: 'CRUZ',
      givenName: 'MARK ANTHONY',
      nationality: 'PH',
    });
    const pages = async (q: string) => {
      const found: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await caseworker
          .get(`/api/v1/residents?limit=1&q=${encodeURIComponent(q)}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        found.push(...page.body.items.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor && found.length < 10);
      return found;
    };
    expect(await pages('cruz mark')).toEqual([mark.id, anthony.id]);
    expect(await pages('mark dela cruz')).toEqual([mark.id]);

    const renamed = await caseworker
      .patch(`/api/v1/residents/${mark.id}`, { givenName: 'JOY', commonName: null })
      .set('if-match', `"${mark.version}"`)
      .expect(200);
    expect(renamed.body.givenName).toBe('JOY');
    expect(await pages('cruz mark')).toEqual([anthony.id]);
    expect(await pages('joy cruz')).toEqual([mark.id]);
    const tampered = Buffer.from(JSON.stringify({ s: 'v2', k: '0.5', id: mark.id, f: '0' })).toString('base64url');
    const bad = await caseworker.get(`/api/v1/residents?q=joy%20cruz&cursor=${tampered}`);
    expect(bad.status).toBe(400);
  });

  it('lists the statuses of residence with names, subtypes and the dates they are in force', async () => {
    const { body } = await caseworker.get('/api/v1/statuses-of-residence').expect(200);
    const byCode = new Map(body.items.map((status: { code: string }) => [status.code, status]));
    expect(byCode.get('TITP_2')).toMatchObject({
      nameJa: '技能実習2号',
      subtypes: ['I', 'RO'],
      workRule: 'DESIGNATED_EMPLOYER',
      effectiveTo: '2027-03-31',
    });
    expect(byCode.get('ESD')).toMatchObject({ nameJa: '育成就労', effectiveFrom: '2027-04-01', effectiveTo: null });
    expect(byCode.get('SPECIAL_PERMANENT')).toMatchObject({ residenceCard: false });
  });

  it('shows a PESO counselor identity and status but not the address, and lets them change nothing', async () => {
    const resident = await createResident(caseworker, {
      address: '浜松市中区1-1',
      residenceCardNumber: 'QQ11112222RR',
    });
    const seen = await counselor.get(`/api/v1/residents/${resident.id}`).expect(200);
    expect(seen.body).toMatchObject({ familyName: 'SILVA', statusCode: 'LONG_TERM' });
    expect(seen.body.address).toBeUndefined();
    expect(seen.body.residenceCardLast4).toBeUndefined();
    await counselor.post('/api/v1/residents', { familyName: 'X' }).expect(403);
    await counselor.patch(`/api/v1/residents/${resident.id}`, { address: 'x' }).set('if-match', '"1"').expect(403);
  });

  it('shows a school officer a child and the child’s guardians, not an unrelated adult', async () => {
    const child = await createResident(caseworker, {
      familyName: 'SANTOS',
      givenName: 'LUCAS',
      birthDate: '2017-06-01',
    });
    const parent = await createResident(caseworker, {
      familyName: 'SANTOS',
      givenName: 'MARIA',
      birthDate: '1985-01-01',
    });
    const stranger = await createResident(caseworker, { familyName: 'OLIVEIRA', birthDate: '1980-01-01' });
    await caseworker.post(`/api/v1/residents/${child.id}/guardians`, { guardianId: parent.id }).expect(204);

    const seenChild = await school.get(`/api/v1/residents/${child.id}`).expect(200);
    expect(seenChild.body.statusCode).toBeUndefined();
    await school.get(`/api/v1/residents/${parent.id}`).expect(200);
    await school.get(`/api/v1/residents/${stranger.id}`).expect(404);
    const listed = (await school.get('/api/v1/residents?limit=200').expect(200)).body.items.map(
      (r: { id: string }) => r.id,
    );
    expect(listed).toEqual(expect.arrayContaining([child.id, parent.id]));
    expect(listed).not.toContain(stranger.id);
    await school.get(`/api/v1/residents/${child.id}/status-history`).expect(403);
  });

  it('hides residents of other municipalities from an office that does not serve them', async () => {
    const resident = await createResident(caseworker);
    const otherPeso = await createPeso(t, ['131016']);
    const tokyoCounselor = await createUser(t, otherPeso.id, ['PESO_COUNSELOR']);
    const outsider = await login(t.http, tokyoCounselor.email);
    await outsider.get(`/api/v1/residents/${resident.id}`).expect(404);
    expect((await outsider.get('/api/v1/residents').expect(200)).body.items).toEqual([]);
  });

  it('audits every read and search of resident records', async () => {
    const resident = await createResident(caseworker);
    await counselor.get(`/api/v1/residents/${resident.id}`).set('x-purpose', 'EMPLOYMENT_SUPPORT').expect(200);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE resident_id = $1 AND action = 'resident.read' AND purpose = 'EMPLOYMENT_SUPPORT'`,
      [resident.id],
    );
    expect(count).toBe(1);
    const searches = await t.dataSource.query(`SELECT diff FROM audit_event WHERE action = 'resident.search'`);
    expect(searches.length).toBeGreaterThan(0);
    expect(JSON.stringify(searches)).not.toMatch(/nguyen|グエン/i);
  });
});
