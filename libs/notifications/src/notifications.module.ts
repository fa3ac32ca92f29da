import { Module } from '@nestjs/common';

/** Notifications to residents: templates per language, outbox, email and letter channels. */
@Module({})
export class NotificationsModule {}
