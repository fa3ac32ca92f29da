import { Injectable, Logger } from '@nestjs/common';
import { CoverageGapsService } from '@app/insurance';
import { NotificationsService, type NotificationPurpose, type TemplateData } from '@app/notifications';
import { OrientationInvitations } from '@app/orientation';
import { addDays } from '@app/platform';
import { AlertsService } from './alerts.service.js';

/** The 14-day rule: NHI/pension enrolment is due within 14 days of moving in; reminders count from the day after. */
const ENROLMENT_DUE_DAYS = 14;
/** How long after moving in a resident still gets the enrolment reminder and its follow-up. */
const NEWCOMER_WINDOW_DAYS = 365;

export interface ReminderCandidate {
  residentId: string;
  /** The date the purpose's schedule counts from (reminder_schedule.anchor). */
  anchorDate: string;
  data: TemplateData;
}

export type ReminderTotals = Record<string, { due: number; queued: number }>;

/**
 * The nightly reminders (02:30 office time, after the alert sweep): for each municipality and each
 * scheduled purpose, who should hear from the city and from which date the schedule counts; the
 * notifications outbox decides which step is due tonight and queues each step once (dedup keys),
 * in the resident's language. What the schedules say (days, on/off) is data: reminder_schedule.
 *
 * - STATUS_RENEWAL_INSURANCE: the period of stay ends within the schedule's first step (90 days)
 *   and no health insurance is on record (what immigration asks to see at the renewal).
 * - NHI_ENROLMENT: moved in, no enrolment in any scheme on record after the 14 days.
 * - ORIENTATION_INVITATION (and its follow-up): newcomers who have not attended orientation,
 *   invited to the next session with room, in their language when one is offered.
 */
@Injectable()
export class NightlyReminders {
  private readonly logger = new Logger(NightlyReminders.name);

  constructor(
    private readonly alerts: AlertsService,
    private readonly gaps: CoverageGapsService,
    private readonly invitations: OrientationInvitations,
    private readonly notifications: NotificationsService,
  ) {}

  async run(on: string, progress: (percent: number) => Promise<void> = async () => undefined): Promise<ReminderTotals> {
    const municipalities = await this.alerts.municipalities();
    const totals: ReminderTotals = {};
    const sources = this.sources();
    let steps = 0;
    for (const municipalityCode of municipalities) {
      for (const [purpose, candidatesOf] of sources) {
        const counts = await this.notifications.enqueueDueReminders(
          purpose,
          on,
          await candidatesOf(municipalityCode, on),
        );
        const total = (totals[purpose] ??= { due: 0, queued: 0 });
        total.due += counts.due;
        total.queued += counts.queued;
        steps += 1;
        await progress(Math.floor((100 * steps) / (municipalities.length * sources.length)));
      }
    }
    this.logger.log({ on, municipalities: municipalities.length, totals }, 'nightly reminders queued');
    return totals;
  }

  private sources(): Array<
    [NotificationPurpose, (municipalityCode: string, on: string) => Promise<ReminderCandidate[]>]
  > {
    return [
      [
        'STATUS_RENEWAL_INSURANCE',
        async (municipalityCode, on) => {
          const schedule = await this.notifications.schedule('STATUS_RENEWAL_INSURANCE');
          const window = Math.max(0, ...(schedule?.offsetsDays ?? []));
          return (await this.gaps.expiringWithoutHealthCoverage(municipalityCode, on, window, null)).map((found) => ({
            residentId: found.residentId,
            anchorDate: found.stayExpiryDate,
            data: { expiryDate: found.stayExpiryDate },
          }));
        },
      ],
      [
        'NHI_ENROLMENT',
        async (municipalityCode, on) =>
          (
            await this.gaps.newcomersWithoutEnrolment(
              municipalityCode,
              on,
              ENROLMENT_DUE_DAYS + 1,
              NEWCOMER_WINDOW_DAYS,
              null,
            )
          ).map((found) => ({
            residentId: found.residentId,
            anchorDate: addDays(found.movedInOn, ENROLMENT_DUE_DAYS + 1),
            data: {},
          })),
      ],
      [
        'ORIENTATION_INVITATION',
        async (municipalityCode, on) =>
          (await this.invitations.due(municipalityCode, on)).flatMap(({ residentId, movedInOn, session }) =>
            session
              ? [
                  {
                    residentId,
                    anchorDate: movedInOn,
                    data: {
                      sessionDate: session.heldOn,
                      // The templates localize the date line; the starting time, when set, rides with the place.
                      sessionPlace: `${session.venue ?? 'Online / オンライン'}${session.startsAt ? ` (${session.startsAt})` : ''}`,
                    },
                  },
                ]
              : [],
          ),
      ],
    ];
  }
}
