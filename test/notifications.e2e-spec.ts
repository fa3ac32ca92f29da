import { NotificationRelay, NotificationSender, NotificationsService, type EnqueueInput } from '@app/notifications';
import { getQueueToken } from '@nestjs/bullmq';
import { JobName, notificationJobId, queueConnection, QueueName } from '@app/platform';
import { Worker, type Queue } from 'bullmq';
import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';
import { createCity, createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { freePort, waitFor } from './support/processes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Received {
  messageId: string;
  to: string[];
  raw: string;
}

/** An SMTP sink: keeps every message it accepted; refuses recipients as told (code by address). */
async function startSink(refuse: (to: string) => number | null) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse(address.address);
      if (code === null) return callback();
      const error = Object.assign(new Error(`refused ${address.address}`), { responseCode: code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        received.push({ messageId, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  // A killed client resets its connection: expected here, not a failure of the sink.
  server.on('error', () => undefined);
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('notifications: outbox, channels, opt-outs, resends and schedules', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let caseworker: SignedIn;
  let admin: SignedIn;
  let service: NotificationsService;
  let sender: NotificationSender;
  const refused = new Map<string, number>();
  let seq = 0;

  const enqueue = (input: Omit<EnqueueInput, 'dedupKey'> & { dedupKey?: string }) =>
    t.dataSource.transaction((tx) => service.enqueue(tx, { dedupKey: `test-${(seq += 1)}`, ...input }));
  const notification = async (id: string) =>
    (await t.dataSource.query(`SELECT * FROM notification WHERE id = $1`, [id]))[0] as Record<string, unknown>;
  const withEmail = async (fields: Record<string, unknown>, email: string | null) => {
    const resident = await createResident(caseworker, fields);
    if (email) await caseworker.put(`/api/v1/residents/${resident.id}/contact`, { email }).expect(200);
    return resident.id;
  };
  const nhi = { purpose: 'NHI_ENROLMENT' as const, data: {} };

  beforeAll(async () => {
    sink = await startSink((to) => refused.get(to) ?? null);
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
    admin = await login(t.http, DEMO.admin);
    service = t.app.get(NotificationsService);
    sender = t.app.get(NotificationSender);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it("writes the outbox row in the caller's transaction, once per dedup key, in the resident's language", async () => {
    const residentId = await withEmail({ familyName: 'SILVA', preferredLanguage: 'pt-BR' }, 'ana.silva@example.com');
    const input: EnqueueInput = {
      residentId,
      purpose: 'STATUS_RENEWAL_INSURANCE',
      data: { expiryDate: '2027-02-09' },
      dedupKey: `status-renewal-insurance-${residentId}-2027-02-09-90`,
    };
    const id = await t.dataSource.transaction((tx) => service.enqueue(tx, input));
    expect(id).toEqual(expect.any(String));
    expect(await t.dataSource.transaction((tx) => service.enqueue(tx, input))).toBeNull();
    // Rolled back with its cause: nothing is left to send.
    await expect(
      t.dataSource.transaction(async (tx) => {
        await service.enqueue(tx, { ...input, dedupKey: 'rolled-back' });
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    expect(await t.dataSource.query(`SELECT 1 FROM notification WHERE dedup_key = 'rolled-back'`)).toEqual([]);

    const row = await notification(id!);
    expect(row).toMatchObject({
      status: 'PENDING',
      channel: 'EMAIL',
      recipient: 'ana.silva@example.com',
      requested_language: 'pt',
      language: 'pt',
      template_code: 'status-renewal-insurance-v1',
      municipality_code: '221309',
    });
    expect(row.body).toContain('9 de fevereiro de 2027');
    expect(row.body).toContain('Prezado(a) SILVA');
    expect(row.body).toContain('浜松市 (Hamamatsu City)');
    // A placeholder without data is the caller's bug, refused before anything is written.
    await expect(
      t.dataSource.transaction((tx) =>
        service.enqueue(tx, { residentId, purpose: 'SCHOOL_GUIDE', data: {}, dedupKey: 'no-data' }),
      ),
    ).rejects.toThrow(/childName/);
  });

  it('falls back to easy Japanese for a language without templates, and reads the communication level', async () => {
    const thai = await withEmail({ nationality: 'TH', preferredLanguage: 'th' }, 'thai@example.com');
    const easy = await withEmail({ preferredLanguage: null, communicationLevel: 'EASY_JA' }, 'easy@example.com');
    const filipino = await withEmail({ nationality: 'PH', preferredLanguage: 'fil' }, 'juan@example.com');
    for (const [residentId, requested, language] of [
      [thai, 'th', 'ja-x-easy'],
      [easy, 'ja-x-easy', 'ja-x-easy'],
      [filipino, 'tl', 'tl'],
    ]) {
      const row = await notification((await enqueue({ residentId, ...nhi }))!);
      expect({ requested: row.requested_language, language: row.language }).toEqual({ requested, language });
    }
  });

  it('sends an e-mail with a Message-ID derived from the notification, and shows it to the caseworker', async () => {
    const residentId = await withEmail({ familyName: 'PHAM', preferredLanguage: 'vi' }, 'pham@example.com');
    const id = (await enqueue({ residentId, ...nhi }))!;
    expect(await sender.send(id)).toBe('SENT');
    expect(await sender.send(id)).toBe('not-due');
    const mails = sink.received.filter((mail) => mail.messageId === `<${id}@kyosei>`);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['pham@example.com']);
    expect(mails[0].raw).toMatch(/^Content-Language: vi$/m);
    expect(mails[0].raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);

    const list = await caseworker.get(`/api/v1/residents/${residentId}/notifications`).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      id,
      status: 'SENT',
      channel: 'EMAIL',
      language: 'vi',
      attempts: 1,
      messageId: `<${id}@kyosei>`,
      smtpResponse: expect.stringMatching(/^250/),
      letterReady: false,
    });
    expect(list.body[0].subject).toBe('Vui lòng đăng ký Bảo hiểm Y tế Quốc dân');
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, resident_id FROM audit_event WHERE action = 'notification.read' AND resident_id = $1`,
      [residentId],
    );
    expect(audit).toEqual({ actor_user_id: caseworker.user.id, resident_id: residentId });
  });

  it('prints a letter (PDF) for a resident without e-mail, for staff to download', async () => {
    const residentId = await withEmail(
      { familyName: 'NGUYEN', preferredLanguage: 'ja', postalCode: '430-0929', address: '浜松市中央区中央1-2-3' },
      null,
    );
    const id = (await enqueue({ residentId, ...nhi }))!;
    expect(await notification(id)).toMatchObject({ channel: 'LETTER', recipient: null, language: 'ja' });
    const early = await caseworker.get(`/api/v1/notifications/${id}/letter.pdf`);
    expect(early.status).toBe(409);
    expect(await sender.send(id)).toBe('SENT');
    const pdf = await caseworker
      .get(`/api/v1/notifications/${id}/letter.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(sink.received.some((mail) => mail.messageId === `<${id}@kyosei>`)).toBe(false);
    const [letter] = await caseworker
      .get(`/api/v1/residents/${residentId}/notifications`)
      .expect(200)
      .then((r) => r.body);
    expect(letter).toMatchObject({ status: 'SENT', channel: 'LETTER', letterReady: true, messageId: null });
    // An e-mail notification has no letter.
    const emailed = await withEmail({}, 'someone@example.com');
    const emailId = (await enqueue({ residentId: emailed, ...nhi }))!;
    expect((await caseworker.get(`/api/v1/notifications/${emailId}/letter.pdf`)).status).toBe(404);
  });

  it('respects opt-outs per channel: e-mail refused → letter; both refused → skipped', async () => {
    const residentId = await withEmail({ preferredLanguage: 'ko' }, 'kim@example.com');
    const path = `/api/v1/residents/${residentId}/notification-opt-outs`;
    expect((await caseworker.get(path).expect(200)).body).toEqual({ email: false, letter: false });
    await caseworker.put(path, { email: true, letter: false }).expect(200);
    expect((await caseworker.get(path).expect(200)).body).toEqual({ email: true, letter: false });
    const letter = await notification((await enqueue({ residentId, ...nhi }))!);
    expect(letter).toMatchObject({ channel: 'LETTER', status: 'PENDING', recipient: null });
    await caseworker.put(path, { email: true, letter: true }).expect(200);
    const skipped = await notification((await enqueue({ residentId, ...nhi }))!);
    expect(skipped).toMatchObject({ channel: null, status: 'SKIPPED_OPTED_OUT' });
    await caseworker.put(path, { email: false, letter: true }).expect(200);
    expect(await notification((await enqueue({ residentId, ...nhi }))!)).toMatchObject({ channel: 'EMAIL' });

    const bad = await caseworker.put(path, { email: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'letter']);
    const [audit] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'notification_opt_out.update' AND resident_id = $1 ORDER BY at LIMIT 1`,
      [residentId],
    );
    expect(audit.diff).toEqual({ email: [false, true], letter: [false, false] });
  });

  it("keeps the resident's e-mail address, validated, and audits the change without the address", async () => {
    const residentId = await withEmail({}, null);
    const path = `/api/v1/residents/${residentId}/contact`;
    expect((await caseworker.get(path).expect(200)).body).toEqual({ email: null, updatedAt: null });
    const bad = await caseworker.put(path, { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('email');
    await caseworker.put(path, { email: 'maria@example.com' }).expect(200);
    expect((await caseworker.get(path).expect(200)).body.email).toBe('maria@example.com');
    await caseworker.put(path, { email: null }).expect(200);
    expect((await caseworker.get(path).expect(200)).body.email).toBeNull();
    const audits = await t.dataSource.query(
      `SELECT diff::text AS diff FROM audit_event WHERE action = 'resident_contact.update' AND resident_id = $1`,
      [residentId],
    );
    expect(audits).toHaveLength(2);
    expect(audits.map((a: { diff: string }) => a.diff).join()).not.toContain('maria');
  });

  it('backs off after a temporary refusal, goes DEAD after the last attempt or a permanent one, and lists dead letters', async () => {
    const temporary = await withEmail({}, 'busy@example.com');
    const permanent = await withEmail({}, 'nobody@example.com');
    refused.set('busy@example.com', 451);
    refused.set('nobody@example.com', 550);
    const busyId = (await enqueue({ residentId: temporary, ...nhi }))!;
    const nobodyId = (await enqueue({ residentId: permanent, ...nhi }))!;

    expect(await sender.send(busyId)).toBe('FAILED');
    const failed = await notification(busyId);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, last_error: expect.stringContaining('451') });
    const delay = (Date.parse(String(failed.next_attempt_at)) - Date.now()) / 1000;
    expect(delay).toBeGreaterThan(20);
    expect(delay).toBeLessThanOrEqual(31);
    expect(await sender.send(busyId)).toBe('not-due');
    // The seventh failure waited 30 s × 2^6; the eighth attempt is the last.
    await t.dataSource.query(`UPDATE notification SET attempts = 7, next_attempt_at = now() WHERE id = $1`, [busyId]);
    expect(await sender.send(busyId)).toBe('DEAD');
    expect(await sender.send(nobodyId)).toBe('DEAD');
    expect(await notification(nobodyId)).toMatchObject({ status: 'DEAD', attempts: 1 });

    const first = await caseworker.get('/api/v1/notifications?status=DEAD&limit=1').expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await caseworker
      .get(`/api/v1/notifications?status=DEAD&limit=1&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((n: { id: string }) => n.id).sort()).toEqual(
      [busyId, nobodyId].sort(),
    );
    expect(second.body.nextCursor).toBeNull();
    expect((await caseworker.get('/api/v1/notifications?status=LOST').expect(400)).body.errors[0].field).toBe('status');
    expect((await caseworker.get('/api/v1/notifications?cursor=garbage').expect(400)).body.errors[0].field).toBe(
      'cursor',
    );

    // The caseworker corrects the address and sends again: a new attempt, audited.
    refused.clear();
    await caseworker.put(`/api/v1/residents/${permanent}/contact`, { email: 'somebody@example.com' }).expect(200);
    const resent = await caseworker.post(`/api/v1/notifications/${nobodyId}/resend`).expect(200);
    expect(resent.body).toMatchObject({ status: 'PENDING', attempts: 0, recipient: 'somebody@example.com' });
    expect((await caseworker.post(`/api/v1/notifications/${nobodyId}/resend`)).status).toBe(409);
    expect(await sender.send(nobodyId)).toBe('SENT');
    expect(sink.received.filter((mail) => mail.messageId === `<${nobodyId}@kyosei>`)).toHaveLength(1);
    expect(sink.received.find((mail) => mail.messageId === `<${nobodyId}@kyosei>`)!.to).toEqual([
      'somebody@example.com',
    ]);
    // A sent one can be sent again on purpose: a new message of its own.
    await caseworker.post(`/api/v1/notifications/${nobodyId}/resend`).expect(200);
    expect(await sender.send(nobodyId)).toBe('SENT');
    expect(sink.received.filter((mail) => mail.messageId === `<${nobodyId}.resend-1@kyosei>`)).toHaveLength(1);
    const audits = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'notification.resend' AND entity_id = $1 ORDER BY at`,
      [nobodyId],
    );
    expect(audits.map((a: { diff: { status: string[] } }) => a.diff.status[0])).toEqual(['DEAD', 'SENT']);
    // A resend queues the send job at once.
    const queue = t.app.get<Queue>(getQueueToken(QueueName.notifications));
    const job = await queue.getJob(notificationJobId(nobodyId));
    expect(job?.name).toBe(JobName.sendNotification);
  });

  it('relays every due notification to the queue once, with its natural job id', async () => {
    const residentId = await withEmail({}, 'relay@example.com');
    const due = (await enqueue({ residentId, ...nhi }))!;
    const later = (await enqueue({ residentId, ...nhi }))!;
    await t.dataSource.query(`UPDATE notification SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [
      later,
    ]);
    const relay = t.app.get(NotificationRelay);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.notifications));
    const first = await relay.relayDue();
    expect(first.queued).toBeGreaterThan(0);
    expect(await queue.getJobState(notificationJobId(due))).toBe('waiting');
    expect(await queue.getJobState(notificationJobId(later))).toBe('unknown');
    // Every due row has its job waiting now: nothing more to queue.
    expect((await relay.relayDue()).queued).toBe(0);
    // A finished job (here: run by a stand-in worker that sends nothing) does not block the next
    // attempt: it is replaced.
    const standIn = new Worker(QueueName.notifications, async () => 'done', {
      connection: queueConnection(t.config),
      prefix: t.config.REDIS_PREFIX,
    });
    await waitFor(
      async () => (await queue.getJobState(notificationJobId(due))) === 'completed',
      10_000,
      'the stand-in to finish the job',
    );
    await standIn.close();
    expect(await relay.dispatch([due])).toBe(1);
    expect(await queue.getJobState(notificationJobId(due))).toBe('waiting');
  });

  it("shows another city's notifications and residents to no one", async () => {
    const residentId = await withEmail({}, 'hidden@example.com');
    const id = (await enqueue({ residentId, ...nhi }))!;
    const city = await createCity(t, '131016', 'Chiyoda');
    const other = await login(t.http, (await createUser(t, city.id, ['CITY_CASEWORKER'])).email);
    expect((await other.get(`/api/v1/residents/${residentId}/notifications`)).status).toBe(404);
    expect((await other.put(`/api/v1/residents/${residentId}/contact`, { email: 'x@example.com' })).status).toBe(404);
    expect(
      (await other.put(`/api/v1/residents/${residentId}/notification-opt-outs`, { email: true, letter: true })).status,
    ).toBe(404);
    expect((await other.post(`/api/v1/notifications/${id}/resend`)).status).toBe(404);
    expect((await other.get(`/api/v1/notifications/${id}/letter.pdf`)).status).toBe(404);
    expect((await other.get('/api/v1/notifications').expect(200)).body.items).toEqual([]);
  });

  it('keeps reminder schedules as data: listed, changed by a city administrator with a version, applied', async () => {
    const list = await caseworker.get('/api/v1/reminder-schedules').expect(200);
    const status = list.body.find((s: { purpose: string }) => s.purpose === 'STATUS_RENEWAL_INSURANCE');
    expect(status).toMatchObject({ anchor: 'STAY_EXPIRY_DATE', direction: 'BEFORE', offsetsDays: [90, 60, 30] });
    expect(list.body.find((s: { purpose: string }) => s.purpose === 'ORIENTATION_INVITATION')).toMatchObject({
      direction: 'AFTER',
      offsetsDays: [0, 30],
      followUpPurpose: 'ORIENTATION_FOLLOW_UP',
    });

    // Applied: 55 days before the expiry, the 60-day reminder is due (once).
    const residentId = await withEmail({ preferredLanguage: 'id' }, 'budi@example.com');
    const reminder = {
      residentId,
      purpose: 'STATUS_RENEWAL_INSURANCE' as const,
      anchorDate: '2027-03-01',
      today: '2027-01-05',
      data: { expiryDate: '2027-03-01' },
    };
    const id = await t.dataSource.transaction((tx) => service.enqueueReminder(tx, reminder));
    expect(await notification(id!)).toMatchObject({
      dedup_key: `status-renewal-insurance-${residentId}-2027-03-01-60`,
      language: 'id',
    });
    expect(await t.dataSource.transaction((tx) => service.enqueueReminder(tx, reminder))).toBeNull();
    // The orientation's second step is its follow-up.
    const followUp = await t.dataSource.transaction((tx) =>
      service.enqueueReminder(tx, {
        residentId,
        purpose: 'ORIENTATION_INVITATION',
        anchorDate: '2026-10-01',
        today: '2026-11-05',
        data: { sessionDate: '2026-11-20', sessionPlace: 'Hamamatsu City Hall' },
      }),
    );
    expect(await notification(followUp!)).toMatchObject({ purpose: 'ORIENTATION_FOLLOW_UP' });

    const path = '/api/v1/reminder-schedules/STATUS_RENEWAL_INSURANCE';
    const changed = await admin.patch(path, { version: status.version, offsetsDays: [45, 14] }).expect(200);
    expect(changed.body).toMatchObject({ offsetsDays: [45, 14], version: status.version + 1 });
    expect((await admin.patch(path, { version: status.version, enabled: false })).status).toBe(409);
    const badDays = await admin.patch(path, { version: changed.body.version, offsetsDays: [-1] });
    expect(badDays.status).toBe(400);
    expect(badDays.body.errors[0].field).toBe('offsetsDays');
    expect((await admin.patch('/api/v1/reminder-schedules/NOT_A_PURPOSE', { version: 1 })).status).toBe(404);
    await admin.patch(path, { version: changed.body.version, enabled: false }).expect(200);
    expect(
      await t.dataSource.transaction((tx) => service.enqueueReminder(tx, { ...reminder, anchorDate: '2027-03-02' })),
    ).toBeNull();
    const peso = await createPeso(t, ['221309']);
    const pesoAdmin = await login(t.http, (await createUser(t, peso.id, ['ADMIN'])).email);
    expect((await pesoAdmin.patch(path, { version: changed.body.version + 1, enabled: true })).status).toBe(403);
    const [audit] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'reminder_schedule.update' ORDER BY at LIMIT 1`,
    );
    expect(audit.diff).toMatchObject({
      purpose: 'STATUS_RENEWAL_INSURANCE',
      offsetsDays: [
        [90, 60, 30],
        [45, 14],
      ],
    });
  });

  it('tells a waitlisted learner, in their language, that a place in the course is theirs', async () => {
    const first = await withEmail({ familyName: 'DOE' }, null);
    const waiting = await withEmail({ familyName: 'WANG', preferredLanguage: 'zh-CN' }, 'wang@example.com');
    const course = await caseworker
      .post('/api/v1/language-courses', {
        title: '日本語入門 A1',
        provider: 'Hamamatsu International Association',
        providerKind: 'INTERNATIONAL_ASSOCIATION',
        levelFrom: 'A1',
        levelTo: 'A1',
        instructionLanguage: 'ja-easy',
        capacity: 1,
        startsOn: '2026-01-10',
        endsOn: '2030-03-31',
      })
      .expect(201);
    const enrolled = await caseworker
      .post(`/api/v1/language-courses/${course.body.id}/enrollments`, { residentId: first })
      .expect(201);
    await caseworker
      .post(`/api/v1/language-courses/${course.body.id}/enrollments`, { residentId: waiting })
      .expect(201);
    await caseworker
      .patch(`/api/v1/enrollments/${enrolled.body.id}`, { version: enrolled.body.version, status: 'WITHDRAWN' })
      .expect(200);
    const [row] = await t.dataSource.query(`SELECT * FROM notification WHERE resident_id = $1`, [waiting]);
    expect(row).toMatchObject({ purpose: 'COURSE_PLACE_OFFERED', language: 'zh', channel: 'EMAIL' });
    expect(row.body).toContain('“日本語入門 A1”');
  });
});
