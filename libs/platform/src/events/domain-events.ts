import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';

/**
 * Domain events: how one domain reacts to another's change without reading its tables. Names and
 * payloads are typed here, in one place. Events are published after the change has committed and
 * are in-process: a reaction that must survive a crash also has an idempotent way to be redone
 * (a job or an "apply again" action), named where the event is handled.
 */
export interface DomainEventPayloads {
  /** Coverage on record changed for a resident (a period recorded, ended or imported). */
  'coverage.changed': { residentId: string; municipalityCode: string; scheme: string };
  /** Facts a caseworker recorded about a resident's insurance changed (public assistance, employment…). */
  'insurance-facts.changed': { residentId: string; municipalityCode: string };
  /** A resident's employment on record changed (a hire or separation reported, a record edited). */
  'employment.changed': { residentId: string; municipalityCode: string };
  /** A match run saved its results (status DONE). */
  'match-run.completed': { matchRunId: string; municipalityCode: string };
  /** A reviewer linked a match-run row to a resident. */
  'match-review.accepted': { matchRunId: string; seq: number; residentId: string; reviewerUserId: string | null };
  /** A resident's register entry changed (created, updated, imported, moved out). */
  'resident.changed': { residentId: string; municipalityCode: string };
  /** Attendance of a language course was recorded. */
  'attendance.changed': { residentId: string; municipalityCode: string; courseId: string };
  /** A case was opened or changed (status, next action, referral). */
  'case.changed': { caseId: string; residentId: string; municipalityCode: string };
  /** A place in a language course opened and went to the first person on its waitlist. */
  'enrollment.promoted': { enrollmentId: string; courseId: string; residentId: string; municipalityCode: string };
  /** A learner has now been absent from 3 (or more) recorded sessions of a course in a row. */
  'learner.absent': {
    residentId: string;
    municipalityCode: string;
    courseId: string;
    enrollmentId: string;
    consecutiveAbsences: number;
  };
  /** A child's schooling on record changed (enrolment, status, absences, an answer to the guide). */
  'schooling.changed': { residentId: string; municipalityCode: string };
}

export type DomainEventName = keyof DomainEventPayloads;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);

  constructor(private readonly emitter: EventEmitter2) {}

  /** Runs every handler; a failing handler is logged and does not undo or fail the publisher's change. */
  async publish<E extends DomainEventName>(name: E, payload: DomainEventPayloads[E]): Promise<void> {
    try {
      await this.emitter.emitAsync(name, payload);
    } catch (error) {
      this.logger.error(`a handler of ${name} failed: ${(error as Error).message}`);
    }
  }
}

@Global()
@Module({
  imports: [EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false })],
  providers: [DomainEvents],
  exports: [DomainEvents],
})
export class DomainEventsModule {}
