import { createCity, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const ON = '2026-06-15';
const SCHEMES = ['NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY'];

/** Today in Asia/Tokyo, as the office counts days. */
function officeToday(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function inDays(days: number): string {
  return new Date(Date.parse(officeToday()) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('coverage-gap list and renewal check', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  const residents: Record<string, string> = {};

  const period = (name: string, scheme: string, startDate: string, endDate?: string) =>
    caseworker
      .post(`/api/v1/residents/${residents[name]}/coverage-periods`, {
        scheme,
        role: scheme === 'NP' ? 'NP_CATEGORY_1' : 'INSURED',
        startDate,
        endDate,
      })
      .expect(201);

  /** Every page of the list, walked with the cursor. */
  async function wholeList(query: string, limit = 3): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const response: { body: { items: Array<Record<string, unknown>>; nextCursor: string | null } } = await caseworker
        .get(`/api/v1/coverage-gaps?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      items.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return items;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    // A city of its own, so that the lists hold exactly the residents made here.
    const city = await createCity(t, '232033');
    caseworker = await login(t.http, (await createUser(t, city.id, ['CITY_CASEWORKER'])).email);
    const make = async (name: string, fields: Record<string, unknown>) => {
      residents[name] = (await createResident(caseworker, { familyName: name, ...fields })).id;
    };
    await make('ALVES', { birthDate: '1990-05-10', nationality: 'BR', address: '愛知県一宮市本町1-1' });
    await make('BUI', {
      birthDate: '1995-01-20',
      nationality: 'VN',
      statusCode: 'TITP_2',
      address: '愛知県一宮市栄3-2',
    });
    await make('CRUZ', { birthDate: '1988-03-03', nationality: 'PH' });
    await make('DANG', { birthDate: '1944-02-01', nationality: 'VN', statusCode: 'PERMANENT' });
    await make('EVANS', {
      birthDate: '1980-07-07',
      nationality: 'US',
      registryCategory: 'NOT_REGISTERED',
      residentKey: null,
    });
    await make('FARIAS', {
      birthDate: '1985-11-11',
      nationality: 'BR',
      movedInOn: '2020-01-01',
      movedOutOn: '2025-01-01',
    });
    await make('GURUNG', { birthDate: '2006-06-16', nationality: 'NP', statusCode: 'STUDENT' });
    await make('HOANG', { birthDate: '2006-06-17', nationality: 'VN', statusCode: 'STUDENT' });
    await make('ITO', { birthDate: '1970-01-01', nationality: 'PE', statusCode: 'SPOUSE_JP' });
    await make('JUNG', {
      birthDate: '1951-06-16',
      nationality: 'KR',
      registryCategory: 'SPECIAL_PERMANENT',
      statusCode: null,
    });
    await make('KIM', {
      birthDate: '1951-06-15',
      nationality: 'KR',
      registryCategory: 'SPECIAL_PERMANENT',
      statusCode: null,
    });
    await period('CRUZ', 'EHI', '2020-04-01');
    await period('ALVES', 'NHI', '2020-01-01', '2026-03-31');
    await period('ITO', 'NHI', '2019-01-01');
    await period('ITO', 'NP', '2019-01-01');
    await period('KIM', 'LATE_ELDERLY', '2026-06-15');
    // What the caseworker was told: HOANG's household is on public assistance (outside NHI);
    // CRUZ works full time for a company, so the employees' pension and EI apply too.
    await caseworker.put(`/api/v1/residents/${residents.HOANG}/insurance-facts`, {
      version: 0,
      onPublicAssistance: true,
    });
    await caseworker.put(`/api/v1/residents/${residents.CRUZ}/insurance-facts`, {
      version: 0,
      isEmployed: true,
      weeklyContractHours: 40,
      monthlyScheduledWage: 280_000,
      expectedEmploymentMonths: 24,
      employerIsCorporation: true,
      employerInsuredHeadcount: 120,
      isDaytimeStudent: false,
    });
  });
  afterAll(() => t.close());

  it('lists exactly the residents whose own record shows a gap in the scheme, for every scheme', async () => {
    for (const scheme of SCHEMES) {
      const listed = (await wholeList(`scheme=${scheme}&on=${ON}`)).map((item) => item.familyName as string);
      const expected: string[] = [];
      for (const [name, id] of Object.entries(residents)) {
        const record = await caseworker.get(`/api/v1/residents/${id}/obligations?on=${ON}`).expect(200);
        if (record.body.find((result: { scheme: string }) => result.scheme === scheme).gap === true)
          expected.push(name);
      }
      expect({ scheme, listed }).toEqual({ scheme, listed: expected.sort() });
      const count = await caseworker.get(`/api/v1/coverage-gaps/count?scheme=${scheme}&on=${ON}`).expect(200);
      expect(count.body).toEqual({ on: ON, scheme, count: expected.length });
    }
  });

  it('names the health-insurance gaps a caseworker would find by hand, with the rule in plain words', async () => {
    const nhi = await wholeList(`scheme=NHI&on=${ON}`, 50);
    // ALVES's NHI ended in March; CRUZ is in employees' insurance; DANG is past 75 and KIM turns 75
    // on ON itself (late-stage elderly care from the birthday), while JUNG turns 75 the day after;
    // EVANS has no address; FARIAS moved out; ITO is enrolled.
    // HOANG is on public assistance (recorded).
    expect(nhi.map((item) => item.familyName)).toEqual(['ALVES', 'BUI', 'GURUNG', 'JUNG']);
    const alves = nhi[0];
    expect(alves).toMatchObject({
      residentId: residents.ALVES,
      scheme: 'NHI',
      nationality: 'BR',
      age: 36,
      birthDate: '1990-05-10',
    });
    expect(alves.reasonText).toEqual({ ja: expect.any(String), en: expect.any(String) });
    expect(alves.ruleId).toEqual(expect.any(String));
    // Pension: 20 on the eve of the 20th birthday, so GURUNG (20 tomorrow) is in, HOANG is not.
    const np = (await wholeList(`scheme=NP&on=${ON}`, 50)).map((item) => item.familyName);
    expect(np).toContain('GURUNG');
    expect(np).not.toContain('HOANG');
    // CRUZ's recorded employment puts him in the employees' pension and EI, with neither on record.
    const epi = await wholeList(`scheme=EPI&on=${ON}`, 50);
    expect(epi).toEqual([expect.objectContaining({ familyName: 'CRUZ', reasonCode: expect.stringMatching(/^EPI_/) })]);
    expect((await wholeList(`scheme=EI&on=${ON}`, 50)).map((item) => item.familyName)).toEqual(['CRUZ']);
    const late = (await wholeList(`scheme=LATE_ELDERLY&on=${ON}`, 50)).map((item) => item.familyName);
    expect(late).toEqual(['DANG']);
    const [audit] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'coverage-gaps.read' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit.diff).toMatchObject({ scheme: 'LATE_ELDERLY', on: ON, returned: [residents.DANG] });
  });

  it('filters by nationality, status, age band and district, and the count follows the filters', async () => {
    const names = async (filters: string) =>
      (await wholeList(`scheme=NHI&on=${ON}&${filters}`, 50)).map((item) => item.familyName);
    expect(await names('nationality=VN')).toEqual(['BUI']);
    expect(await names('statusCode=STUDENT')).toEqual(['GURUNG']);
    expect(await names('ageFrom=20&ageTo=39')).toEqual(['ALVES', 'BUI']);
    expect(await names('ageTo=19')).toEqual(['GURUNG']);
    expect(await names('district=栄')).toEqual(['BUI']);
    expect(await names(`district=${encodeURIComponent('%')}`)).toEqual([]);
    const count = await caseworker.get(`/api/v1/coverage-gaps/count?scheme=NHI&on=${ON}&nationality=VN`).expect(200);
    expect(count.body.count).toBe(1);
  });

  it('keeps recorded facts with a version, audits them, and refuses bad ones with the field', async () => {
    const path = `/api/v1/residents/${residents.ITO}/insurance-facts`;
    expect((await caseworker.get(path).expect(200)).body).toEqual({
      residentId: residents.ITO,
      facts: {},
      version: 0,
      updatedAt: null,
    });
    const saved = await caseworker.put(path, { version: 0, isDaytimeStudent: false, ssaCertificateCountry: 'US' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ facts: { isDaytimeStudent: false, ssaCertificateCountry: 'US' }, version: 1 });
    const stale = await caseworker.put(path, { version: 0, isDaytimeStudent: true });
    expect(stale.status).toBe(409);
    const bad = await caseworker.put(path, { version: 1, weeklyContractHours: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('weeklyContractHours');
    // Replacing: what is left out is no longer known.
    const replaced = await caseworker.put(path, { version: 1, isDaytimeStudent: true }).expect(200);
    expect(replaced.body.facts).toEqual({ isDaytimeStudent: true });
    const [audit] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'insurance-facts.update' AND resident_id = $1 ORDER BY at DESC LIMIT 1`,
      [residents.ITO],
    );
    expect(audit.diff).toEqual({ isDaytimeStudent: [false, true], ssaCertificateCountry: ['US', null] });
    const counselor = await login(t.http, DEMO.counselor);
    await counselor.get(path).expect(403);
    const demoCaseworker = await login(t.http, DEMO.caseworker);
    await demoCaseworker.get(path).expect(404);
  });

  it('refuses bad filters with the field, and shows nothing of another city or to a counselor', async () => {
    const bad = await caseworker.get('/api/v1/coverage-gaps?scheme=DENTAL');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('scheme');
    const badDate = await caseworker.get('/api/v1/coverage-gaps?scheme=NHI&on=2026-02-30');
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('on');
    const badCursor = await caseworker.get('/api/v1/coverage-gaps?scheme=NHI&cursor=bm9wZQ');
    expect(badCursor.status).toBe(400);

    const demoCaseworker = await login(t.http, DEMO.caseworker);
    const other = await demoCaseworker.get(`/api/v1/coverage-gaps?scheme=NHI&on=${ON}&limit=200`).expect(200);
    const ids = new Set(Object.values(residents));
    expect(other.body.items.filter((item: { residentId: string }) => ids.has(item.residentId))).toEqual([]);
    const counselor = await login(t.http, DEMO.counselor);
    await counselor.get('/api/v1/coverage-gaps?scheme=EI').expect(403);
    await counselor.get('/api/v1/renewal-checks').expect(403);
  });

  it('lists residents whose stay ends within the window without health insurance today, soonest first', async () => {
    const soon = (await createResident(caseworker, { familyName: 'SOON', stayExpiryDate: inDays(30) })).id;
    const insured = (await createResident(caseworker, { familyName: 'INSURED', stayExpiryDate: inDays(20) })).id;
    await caseworker
      .post(`/api/v1/residents/${insured}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: inDays(-100),
      })
      .expect(201);
    const later = (await createResident(caseworker, { familyName: 'LATER', stayExpiryDate: inDays(200) })).id;
    const sooner = (await createResident(caseworker, { familyName: 'SOONER', stayExpiryDate: inDays(5) })).id;

    const window90 = await caseworker.get('/api/v1/renewal-checks?expiresWithinDays=90').expect(200);
    expect(window90.body.today).toBe(officeToday());
    expect(window90.body.items.map((item: { residentId: string }) => item.residentId)).toEqual([sooner, soon]);
    expect(window90.body.items[0]).toMatchObject({
      familyName: 'SOONER',
      stayExpiryDate: inDays(5),
      daysLeft: 5,
      reasonCode: 'STATUS_EXPIRING_NO_HEALTH_INSURANCE',
    });
    expect(window90.body.items[0].reasonText.ja).toContain('保険証');

    const year = await caseworker.get('/api/v1/renewal-checks?expiresWithinDays=365&limit=1').expect(200);
    expect(year.body.items.map((item: { residentId: string }) => item.residentId)).toEqual([sooner]);
    const rest = await caseworker.get(`/api/v1/renewal-checks?expiresWithinDays=365&cursor=${year.body.nextCursor}`);
    expect(rest.body.items.map((item: { residentId: string }) => item.residentId)).toEqual([soon, later]);

    const bad = await caseworker.get('/api/v1/renewal-checks?expiresWithinDays=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('expiresWithinDays');
  });
});
