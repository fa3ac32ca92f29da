import { DEMO, seedDemo } from '../factories/identity.js';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** [K13] No lost update: of many writers holding the same version, exactly one wins. */
describe('lost updates', () => {
  let t: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(() => t.close());

  it('lets exactly one of 100 concurrent PATCHes of a resident with the same version succeed; the rest get 409', async () => {
    const resident = await createResident(caseworker, { familyName: 'OKAFOR', givenName: 'CHIDI', nationality: 'NG' });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        caseworker
          .patch(`/api/v1/residents/${resident.id}`, { address: `浜松市中区元城町${i + 1}` })
          .set('if-match', '"1"'),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    const winner = answers.find((answer) => answer.status === 200)!;
    const now = await caseworker.get(`/api/v1/residents/${resident.id}`).expect(200);
    expect(now.body).toMatchObject({ version: 2, address: winner.body.address });
    const [{ writes }] = await t.dataSource.query(
      `SELECT count(*)::int AS writes FROM audit_event WHERE action = 'resident.update' AND resident_id = $1`,
      [resident.id],
    );
    expect(writes).toBe(1);
  });
});
