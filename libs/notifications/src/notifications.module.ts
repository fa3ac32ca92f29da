import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';
import { ResidentContactService } from './contacts/resident-contact.service.js';
import { LetterFontsProvider } from './delivery/letter-fonts.provider.js';
import { NotificationRelay } from './delivery/notification-relay.js';
import { NotificationSender } from './delivery/notification-sender.js';
import { SmtpPool } from './delivery/smtp-pool.js';
import {
  NotificationsController,
  ReminderSchedulesController,
  ResidentNotificationsController,
} from './http/notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxService } from './outbox/outbox.service.js';
import { ReminderSchedulesService } from './reminders/reminder-schedules.service.js';

/**
 * Notifications to residents: templates per language, the outbox, e-mail and letter channels.
 * The worker adds NotificationsProcessor (the relay and the sending) to its providers; the API
 * only writes to the outbox and queues.
 */
@Module({
  imports: [ResidentsModule],
  controllers: [NotificationsController, ResidentNotificationsController, ReminderSchedulesController],
  providers: [
    NotificationsService,
    NotificationRelay,
    NotificationSender,
    SmtpPool,
    LetterFontsProvider,
    OutboxService,
    ResidentContactService,
    ReminderSchedulesService,
  ],
  exports: [NotificationsService, NotificationRelay, NotificationSender],
})
export class NotificationsModule {}
