import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { CoursesService } from '@app/language';
import { AppConfig, Clock, officeDate, systemContext, type DomainEventPayloads } from '@app/platform';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications.service.js';

/**
 * A place in a language course went to the first on its waitlist (`enrollment.promoted`): the
 * resident is told (COURSE_PLACE_OFFERED), once per enrollment.
 *
 * The event is published after the language domain's commit, so this outbox row is written just
 * after its cause, not in its transaction: a crash in between loses this one notification. Closing
 * that gap needs the language service to call `NotificationsService.enqueue(tx, …)` inside its
 * transaction (same dedup key, so both can coexist).
 */
@Injectable()
export class CoursePlaceOfferedReaction {
  private readonly logger = new Logger(CoursePlaceOfferedReaction.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @OnEvent('enrollment.promoted', { promisify: true })
  async onPromoted(event: DomainEventPayloads['enrollment.promoted']): Promise<void> {
    const schedule = await this.notifications.schedule('COURSE_PLACE_OFFERED');
    if (schedule && !schedule.enabled) return;
    // The language domain's public service, looked up when the event comes (the worker has none:
    // it never publishes this event), so that neither module imports the other.
    const courses = this.moduleRef.get(CoursesService, { strict: false });
    const course = await courses.get(
      systemContext(`enrollment-promoted-${event.enrollmentId}`, {
        kind: 'service',
        userId: null,
        serviceTokenId: null,
        orgId: '00000000-0000-0000-0000-000000000000',
        orgKind: 'CITY',
        municipalityCodes: [event.municipalityCode],
        roles: [],
        sessionId: null,
      }),
      event.courseId,
    );
    const today = officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
    const id = await this.dataSource.transaction((tx) =>
      this.notifications.enqueue(tx, {
        residentId: event.residentId,
        purpose: 'COURSE_PLACE_OFFERED',
        data: { courseName: course.title, startDate: course.startsOn > today ? course.startsOn : today },
        dedupKey: `course-place-offered-${event.enrollmentId}`,
      }),
    );
    await this.notifications.dispatch([id]);
    this.logger.debug({ enrollmentId: event.enrollmentId, notificationId: id }, 'course place offered');
  }
}
