import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { LetterFontsProvider } from './delivery/letter-fonts.provider.js';
import { NotificationRelay } from './delivery/notification-relay.js';
import { NOTIFICATION_PURPOSES, type NotificationChannel, type NotificationPurpose } from './purposes.js';
import { chooseLanguage, renderTemplate, residentLanguage, TEMPLATES, type TemplateData } from './templates/index.js';

/** Reminders written per transaction by a nightly run. */
const REMINDER_BATCH = 200;

export interface EnqueueInput {
  residentId: string;
  purpose: NotificationPurpose;
  /**
   * The template's placeholders (see templates/): dates as YYYY-MM-DD. `familyName` and
   * `officeName` are filled from the register and the resident's city office when absent.
   */
  data: TemplateData;
  /**
   * A natural key of this reminder, e.g. `status-renewal-insurance-<resident>-<expiry>-60`: a
   * second enqueue with the same key does nothing.
   */
  dedupKey: string;
}

export interface ReminderInput {
  residentId: string;
  /** The purpose whose reminder schedule applies (reminder_schedule). */
  purpose: NotificationPurpose;
  /** The date the schedule counts from (the stay's expiry, the move-in…), YYYY-MM-DD. */
  anchorDate: string;
  /** Today (office time), YYYY-MM-DD. */
  today: string;
  data: TemplateData;
}

export interface ReminderSchedule {
  purpose: NotificationPurpose;
  anchor: string;
  direction: 'BEFORE' | 'AFTER';
  offsetsDays: number[];
  followUpPurpose: NotificationPurpose | null;
  enabled: boolean;
  version: number;
}

/** A step of a schedule that is due: send `purpose` as the reminder `offsetDays` from the anchor. */
export interface DueStep {
  purpose: NotificationPurpose;
  offsetDays: number;
  on: string;
}

/**
 * The step of a schedule due on `today`: the latest step whose day has come (a step missed, e.g.
 * a resident registered 50 days before expiry, is not sent late: the 60-day one is due, not the
 * 90-day one), and for BEFORE schedules none once the anchor has passed. Each step is sent once
 * (its dedup key), so calling this every night sends each step on its day or the first day after.
 */
export function dueStep(schedule: ReminderSchedule, anchorDate: string, today: string): DueStep | null {
  if (!schedule.enabled) return null;
  if (schedule.direction === 'BEFORE' && today > anchorDate) return null;
  const ordered = [...schedule.offsetsDays].sort((a, b) => (schedule.direction === 'BEFORE' ? b - a : a - b));
  let due: DueStep | null = null;
  ordered.forEach((offsetDays, index) => {
    const on = addDays(anchorDate, schedule.direction === 'BEFORE' ? -offsetDays : offsetDays);
    if (on <= today) {
      const purpose = index > 0 && schedule.followUpPurpose ? schedule.followUpPurpose : schedule.purpose;
      due = { purpose, offsetDays, on };
    }
  });
  return due;
}

/** The dedup key of a scheduled reminder: purpose, resident, anchor date and step. */
export function reminderDedupKey(purpose: NotificationPurpose, residentId: string, anchorDate: string, offset: number) {
  return `${purpose.toLowerCase().replace(/_/g, '-')}-${residentId}-${anchorDate}-${offset}`;
}

export interface ComposedMessage {
  municipalityCode: string;
  templateCode: string;
  channel: NotificationChannel | null;
  recipient: string | null;
  requestedLanguage: string | null;
  language: string;
  subject: string;
  body: string;
  data: TemplateData;
}

interface Recipient {
  resident: Record<string, string | null>;
  email: string | null;
  opt_outs: string[];
  office_name: string | null;
}

/**
 * Notifications to residents, for every domain: `enqueue` writes an outbox row in the caller's
 * transaction (so it commits, or not, with its cause); the worker's relay sends it. The text is
 * rendered now, in the resident's language (falling back to easy Japanese, then English), for the
 * channel the resident can be reached by (e-mail, else a printed letter; opt-outs respected).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: NotificationRelay,
    private readonly fonts: LetterFontsProvider,
  ) {}

  /**
   * Writes the notification into the outbox inside `manager`'s transaction. Returns its id, or
   * null when a notification with this dedup key already exists. Throws when the resident does
   * not exist or the template needs data that is missing (a programming error of the caller).
   */
  async enqueue(manager: EntityManager, input: EnqueueInput): Promise<string | null> {
    if (!input.dedupKey || input.dedupKey.length > 300) throw new Error('dedupKey must be 1 to 300 characters');
    const message = await this.compose(manager, input.residentId, input.purpose, input.data);
    const [row] = await manager.query(
      `INSERT INTO notification (resident_id, municipality_code, purpose, template_code, requested_language, language,
                                 channel, recipient, subject, body, data, dedup_key, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        input.residentId,
        message.municipalityCode,
        input.purpose,
        message.templateCode,
        message.requestedLanguage,
        message.language,
        message.channel,
        message.recipient,
        message.subject,
        message.body,
        JSON.stringify(message.data),
        input.dedupKey,
        message.channel === null ? 'SKIPPED_OPTED_OUT' : 'PENDING',
      ],
    );
    return (row?.id as string | undefined) ?? null;
  }

  /**
   * The message for a resident as of now: channel and address (e-mail unless opted out, else a
   * letter unless refused too: null), language (theirs, else easy Japanese, else English; for a
   * letter, one this host can print) and the rendered text.
   */
  async compose(
    manager: EntityManager,
    residentId: string,
    purpose: NotificationPurpose,
    input: TemplateData,
  ): Promise<ComposedMessage> {
    if (!NOTIFICATION_PURPOSES.includes(purpose)) throw new Error(`unknown purpose ${purpose}`);
    const template = TEMPLATES[purpose];
    const [recipient]: Recipient[] = await manager.query(
      // to_jsonb: communication_level is read when the register publishes it (1766200000000).
      `SELECT to_jsonb(r) AS resident, c.email,
              ARRAY(SELECT channel FROM notification_opt_out o WHERE o.resident_id = r.id) AS opt_outs,
              (SELECT name FROM organization g WHERE g.kind = 'CITY' AND g.municipality_code = r.municipality_code)
                AS office_name
         FROM resident_register r LEFT JOIN resident_contact c ON c.resident_id = r.id
        WHERE r.id = $1`,
      [residentId],
    );
    if (!recipient) throw new Error(`no resident ${residentId}`);
    const { resident } = recipient;
    const channel = channelOf(recipient);
    const requestedLanguage = residentLanguage(resident.preferred_language, resident.communication_level ?? null);
    const language = chooseLanguage(
      template,
      requestedLanguage,
      channel === 'LETTER' ? (candidate) => this.fonts.fonts.canPrint(candidate) : undefined,
    );
    const data: TemplateData = {
      familyName: resident.family_name,
      officeName: recipient.office_name ?? resident.municipality_code,
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null)),
    };
    const { subject, body } = renderTemplate(template, language, data);
    return {
      municipalityCode: resident.municipality_code!,
      templateCode: template.code,
      channel,
      recipient: channel === 'EMAIL' ? recipient.email : null,
      requestedLanguage,
      language,
      subject,
      body,
      data,
    };
  }

  /**
   * The reminder due today under `purpose`'s schedule, if any, enqueued with its step's dedup key
   * (a follow-up step uses the schedule's follow-up purpose). Null when no step is due, the
   * schedule is disabled, or this step was already queued.
   */
  async enqueueReminder(manager: EntityManager, input: ReminderInput): Promise<string | null> {
    const schedule = await this.schedule(input.purpose, manager);
    const step = schedule ? dueStep(schedule, input.anchorDate, input.today) : null;
    if (!step) return null;
    return this.enqueue(manager, {
      residentId: input.residentId,
      purpose: step.purpose,
      data: input.data,
      dedupKey: reminderDedupKey(input.purpose, input.residentId, input.anchorDate, step.offsetDays),
    });
  }

  /**
   * Many notifications in `manager`'s transaction, each at most once: those whose dedup key is
   * already in the outbox are not composed again (one query for all of them). Answers, per dedup
   * key, the notification's id (null when it was refused by a concurrent writer) and whether this
   * call created it.
   */
  async enqueueOnce(
    manager: EntityManager,
    inputs: readonly EnqueueInput[],
  ): Promise<Map<string, { id: string | null; created: boolean }>> {
    const existing: Array<{ dedup_key: string; id: string }> = await manager.query(
      `SELECT dedup_key, id FROM notification WHERE dedup_key = ANY ($1::text[])`,
      [inputs.map((input) => input.dedupKey)],
    );
    const answer = new Map(existing.map((row) => [row.dedup_key, { id: row.id as string | null, created: false }]));
    for (const input of inputs) {
      if (answer.has(input.dedupKey)) continue;
      const id = await this.enqueue(manager, input);
      answer.set(input.dedupKey, { id, created: id !== null });
    }
    return answer;
  }

  /**
   * Tonight's reminders of one purpose for many residents: the step due for each (its schedule read
   * once), those already queued skipped with one query, the rest written in transactions of
   * `REMINDER_BATCH`. Safe to run again: the dedup keys make a second run queue nothing.
   */
  async enqueueDueReminders(
    purpose: NotificationPurpose,
    today: string,
    candidates: ReadonlyArray<{ residentId: string; anchorDate: string; data: TemplateData }>,
  ): Promise<{ due: number; queued: number; ids: string[] }> {
    const schedule = await this.schedule(purpose);
    if (!schedule?.enabled) return { due: 0, queued: 0, ids: [] };
    const due = candidates.flatMap((candidate) => {
      const step = dueStep(schedule, candidate.anchorDate, today);
      return step
        ? [
            {
              ...candidate,
              step,
              dedupKey: reminderDedupKey(purpose, candidate.residentId, candidate.anchorDate, step.offsetDays),
            },
          ]
        : [];
    });
    const ids: string[] = [];
    for (let i = 0; i < due.length; i += REMINDER_BATCH) {
      const slice = due.slice(i, i + REMINDER_BATCH);
      const written = await this.dataSource.transaction((tx) =>
        this.enqueueOnce(
          tx,
          slice.map((reminder) => ({
            residentId: reminder.residentId,
            purpose: reminder.step.purpose,
            data: reminder.data,
            dedupKey: reminder.dedupKey,
          })),
        ),
      );
      for (const { id, created } of written.values()) if (created && id) ids.push(id);
    }
    return { due: due.length, queued: ids.length, ids };
  }

  /** A purpose's reminder schedule (null when it has none). */
  async schedule(purpose: NotificationPurpose, manager: EntityManager = this.dataSource.manager) {
    const [row] = await manager.query(
      `SELECT purpose, anchor, direction, offsets_days, follow_up_purpose, enabled, version
         FROM reminder_schedule WHERE purpose = $1`,
      [purpose],
    );
    return row ? scheduleOf(row) : null;
  }

  /**
   * Optional, after the caller's commit: queue the send jobs now instead of at the relay's next
   * run (at most 10 s later). A failure here only delays them.
   */
  async dispatch(ids: ReadonlyArray<string | null>): Promise<void> {
    const present = ids.filter((id): id is string => id !== null);
    if (present.length === 0) return;
    await this.relay.dispatch(present).catch((error: unknown) => {
      this.logger.warn({ error: String(error) }, 'notifications will go out at the next relay run');
    });
  }
}

export function scheduleOf(row: Record<string, unknown>): ReminderSchedule {
  return {
    purpose: row.purpose as NotificationPurpose,
    anchor: row.anchor as string,
    direction: row.direction as 'BEFORE' | 'AFTER',
    offsetsDays: row.offsets_days as number[],
    followUpPurpose: (row.follow_up_purpose as NotificationPurpose | null) ?? null,
    enabled: row.enabled as boolean,
    version: row.version as number,
  };
}

/** E-mail when the resident has an address and did not opt out of it; else a letter, unless refused. */
function channelOf(recipient: Recipient): NotificationChannel | null {
  if (recipient.email && !recipient.opt_outs.includes('EMAIL')) return 'EMAIL';
  if (!recipient.opt_outs.includes('LETTER')) return 'LETTER';
  return null;
}
