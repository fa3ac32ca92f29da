import { NightlyReminders } from '@app/alerts';
import { addDays, officeDate } from '@app/platform';
import { DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const today = officeDate(new Date(), 'Asia/Tokyo');

interface Queued {
  resident_id: string;
  purpose: string;
  language: string;
  subject: string;
  data: Record<string, string>;
}

describe('nightly reminders (02:30: status renewal, NHI enrolment, orientation invitation and follow-up)', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  let reminders: NightlyReminders;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
    reminders = t.app.get(NightlyReminders);
  });
  afterAll(async () => {
    await t.close();
  });

  const queued = async (residentId: string): Promise<Queued[]> =>
    t.dataSource.query(
      `SELECT resident_id, purpose, language, subject, data FROM notification WHERE resident_id = $1 ORDER BY created_at`,
      [residentId],
    );

  it('tells each resident what concerns them, in their language, once per step of the schedule', async () => {
    // The stay ends in 60 days and no health insurance is on record: the 60-day step is due.
    const expiring = await createResident(caseworker, {
      familyName: 'NGUYEN',
      givenName: 'LAN',
      nationality: 'VN',
      preferredLanguage: 'vi',
      stayExpiryDate: addDays(today, 60),
      movedInOn: addDays(today, -800),
    });
    // The same, but insured: nothing to remind.
    const insured = await createResident(caseworker, {
      familyName: 'TRAN',
      givenName: 'MAI',
      nationality: 'VN',
      preferredLanguage: 'vi',
      stayExpiryDate: addDays(today, 60),
      movedInOn: addDays(today, -800),
    });
    await caseworker
      .post(`/api/v1/residents/${insured.id}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2024-04-01',
      })
      .expect(201);
    // Moved in 20 days ago with no enrolment: past the 14 days.
    const newcomer = await createResident(caseworker, {
      familyName: 'SANTOS',
      givenName: 'PEDRO',
      preferredLanguage: 'pt-BR',
      movedInOn: addDays(today, -20),
    });
    // Moved in 3 days ago: invited to orientation, too early for the enrolment reminder.
    const arrival = await createResident(caseworker, {
      familyName: 'GURUNG',
      givenName: 'SITA',
      nationality: 'NP',
      preferredLanguage: 'ne',
      communicationLevel: 'EASY_JA',
      movedInOn: addDays(today, -3),
    });
    await caseworker
      .post('/api/v1/orientation-sessions', {
        heldOn: addDays(today, 10),
        startsAt: '13:30',
        venue: '市役所 北館 101会議室',
        languages: ['ja-easy', 'pt'],
        interpreter: false,
        topics: ['RESIDENCE_PROCEDURES', 'GARBAGE_MANNERS'],
        capacity: 30,
      })
      .expect(201);

    const first = await reminders.run(today);
    expect(first.STATUS_RENEWAL_INSURANCE.queued).toBeGreaterThanOrEqual(1);

    const [renewal] = await queued(expiring.id);
    expect(renewal).toMatchObject({ purpose: 'STATUS_RENEWAL_INSURANCE', language: 'vi' });
    expect(renewal.data.expiryDate).toBe(addDays(today, 60));
    expect(await queued(insured.id)).toEqual([]);

    const newcomerMessages = await queued(newcomer.id);
    expect(newcomerMessages.map((m) => m.purpose).sort()).toEqual(['NHI_ENROLMENT', 'ORIENTATION_INVITATION']);
    const invitation = newcomerMessages.find((m) => m.purpose === 'ORIENTATION_INVITATION')!;
    expect(invitation).toMatchObject({ language: 'pt' });
    expect(invitation.data).toMatchObject({
      sessionDate: addDays(today, 10),
      sessionPlace: '市役所 北館 101会議室 (13:30)',
    });

    const arrivalMessages = await queued(arrival.id);
    expect(arrivalMessages.map((m) => m.purpose)).toEqual(['ORIENTATION_INVITATION']);
    expect(arrivalMessages[0].language).toBe('ja-x-easy');

    // The same night again (a retry, a second worker): nothing more.
    const again = await reminders.run(today);
    expect(Object.values(again).reduce((sum, counts) => sum + counts.queued, 0)).toBe(0);

    // 31 days on, the arrival has still not attended: one follow-up, to the next session with room.
    await caseworker
      .post('/api/v1/orientation-sessions', {
        heldOn: addDays(today, 45),
        online: true,
        languages: ['ja-easy'],
        topics: ['RESIDENCE_PROCEDURES'],
      })
      .expect(201);
    await reminders.run(addDays(today, 33));
    const later = await queued(arrival.id);
    // By then the 14 days for NHI enrolment have passed too.
    expect(later.map((m) => m.purpose).sort()).toEqual([
      'NHI_ENROLMENT',
      'ORIENTATION_FOLLOW_UP',
      'ORIENTATION_INVITATION',
    ]);
    const followUp = later.find((m) => m.purpose === 'ORIENTATION_FOLLOW_UP')!;
    expect(followUp.data).toMatchObject({ sessionDate: addDays(today, 45), sessionPlace: 'Online / オンライン' });
  });

  it('sends nothing for a schedule a city administrator switched off', async () => {
    const schedules = await caseworker.get('/api/v1/reminder-schedules').expect(200);
    const renewal = schedules.body.find((s: { purpose: string }) => s.purpose === 'STATUS_RENEWAL_INSURANCE');
    const admin = await login(t.http, DEMO.admin);
    await admin
      .patch('/api/v1/reminder-schedules/STATUS_RENEWAL_INSURANCE', { enabled: false, version: renewal.version })
      .expect(200);
    const resident = await createResident(caseworker, {
      familyName: 'LIU',
      givenName: 'WEI',
      nationality: 'CN',
      preferredLanguage: 'zh',
      stayExpiryDate: addDays(today, 29),
    });
    const counts = await reminders.run(today);
    expect(counts.STATUS_RENEWAL_INSURANCE ?? { queued: 0 }).toMatchObject({ queued: 0 });
    expect(await queued(resident.id)).toEqual([]);
  });
});
