import { DEMO, seedDemo } from '../factories/identity.js';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** [K13] A residence-card number is stored as a keyed hash and its last four digits, never whole. */
describe('residence-card numbers', () => {
  let t: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(() => t.close());

  it('finds a resident by the number but never returns or stores it whole', async () => {
    const card = 'AB12345678CD';
    const resident = await createResident(caseworker, { familyName: 'ROSSI', residenceCardNumber: card });
    const read = await caseworker.get(`/api/v1/residents/${resident.id}`).expect(200);
    expect(read.body.residenceCardLast4).toBe('78CD');
    const found = await caseworker.get(`/api/v1/residents?cardNumber=${card}`).expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([resident.id]);
    for (const body of [read.body, found.body]) expect(JSON.stringify(body)).not.toContain(card);
    const [row] = await t.dataSource.query(`SELECT to_jsonb(r) AS row FROM resident r WHERE id = $1`, [resident.id]);
    expect(JSON.stringify(row)).not.toContain(card);
    const audit = await t.dataSource.query(`SELECT diff FROM audit_event WHERE resident_id = $1`, [resident.id]);
    expect(JSON.stringify(audit)).not.toContain(card);
  });
});
