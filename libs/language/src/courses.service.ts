import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  decodeCursor,
  DomainEvents,
  officeDate,
  ProblemException,
  toPage,
  type Page,
  type RequestContext,
} from '@app/platform';
import { NotificationsService } from '@app/notifications';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AbsenceSignalResponse,
  CloseCourseResponse,
  CourseQueryDto,
  CourseResponse,
  CreateCourseDto,
  CreateSessionDto,
  EnrollmentResponse,
  RecordCourseAttendanceDto,
  RecordCourseAttendanceResponse,
  RosterEntryResponse,
  SessionResponse,
  UpdateCourseDto,
  UpdateEnrollmentDto,
  UpdateSessionDto,
} from './language.dto.js';

const COURSE_COLUMNS = `c.id, c.municipality_code, c.title, c.provider, c.provider_kind, c.venue, c.online, c.level_from,
  c.level_to, c.instruction_language, c.schedule, c.capacity, c.fee_yen, c.starts_on::text AS starts_on,
  c.ends_on::text AS ends_on, c.completion_attendance_percent, c.closed_on::text AS closed_on, c.version,
  (SELECT count(*) FROM enrollment e WHERE e.course_id = c.id AND e.status = 'ENROLLED')::int AS enrolled,
  (SELECT count(*) FROM enrollment e WHERE e.course_id = c.id AND e.status = 'WAITLISTED')::int AS waitlisted`;

const SESSION_COLUMNS = `id, course_id, held_on::text AS held_on, to_char(starts_at, 'HH24:MI') AS starts_at, topic,
  cancelled, version`;

const ENROLLMENT_COLUMNS = `e.id, e.course_id, e.resident_id, e.status, e.requested_at, e.enrolled_on::text AS enrolled_on,
  e.ended_on::text AS ended_on, e.end_reason, e.version,
  CASE WHEN e.status = 'WAITLISTED' THEN (SELECT count(*) FROM enrollment w WHERE w.course_id = e.course_id
         AND w.status = 'WAITLISTED' AND w.request_seq <= e.request_seq)::int END AS waitlist_position`;

/**
 * Attendance of each enrollment of a course up to a day: the sessions counted are those held (not
 * cancelled) from the day the learner was enrolled to the course's end, excused absences left
 * out; an unrecorded session counts as not present. $1 course, $2 the day.
 */
const ENROLLMENT_ATTENDANCE = `
  SELECT e.id AS enrollment_id,
         count(s.id) FILTER (WHERE a.status IS DISTINCT FROM 'EXCUSED')::int AS sessions_counted,
         count(s.id) FILTER (WHERE a.status = 'PRESENT')::int AS sessions_present
    FROM enrollment e
    JOIN language_course c ON c.id = e.course_id
    LEFT JOIN course_session s ON s.course_id = e.course_id AND NOT s.cancelled
         AND s.held_on >= e.enrolled_on AND s.held_on <= least(c.ends_on, $2::date)
    LEFT JOIN attendance a ON a.session_id = s.id AND a.enrollment_id = e.id
   WHERE e.course_id = $1 AND e.enrolled_on IS NOT NULL
   GROUP BY e.id`;

/** A learner absent from this many recorded sessions in a row is signalled to the coordinator. */
export const ABSENCES_SIGNALLED = 3;

interface CourseRow {
  id: string;
  municipality_code: string;
  capacity: number;
  starts_on: string;
  ends_on: string;
  closed_on: string | null;
  completion_attendance_percent: number;
  version: number;
  [column: string]: unknown;
}

function courseOf(row: Record<string, unknown>): CourseResponse {
  const enrolled = row.enrolled as number;
  return {
    id: row.id as string,
    municipalityCode: row.municipality_code as string,
    title: row.title as string,
    provider: row.provider as string,
    providerKind: row.provider_kind as string,
    venue: row.venue as string | null,
    online: row.online as boolean,
    levelFrom: row.level_from as string,
    levelTo: row.level_to as string,
    instructionLanguage: row.instruction_language as string,
    schedule: row.schedule as string | null,
    capacity: row.capacity as number,
    feeYen: row.fee_yen as number,
    startsOn: row.starts_on as string,
    endsOn: row.ends_on as string,
    completionAttendancePercent: row.completion_attendance_percent as number,
    closedOn: row.closed_on as string | null,
    enrolled,
    waitlisted: row.waitlisted as number,
    seatsLeft: Math.max(0, (row.capacity as number) - enrolled),
    version: row.version as number,
  };
}

function sessionOf(row: Record<string, unknown>): SessionResponse {
  return {
    id: row.id as string,
    courseId: row.course_id as string,
    heldOn: row.held_on as string,
    startsAt: row.starts_at as string | null,
    topic: row.topic as string | null,
    cancelled: row.cancelled as boolean,
    version: row.version as number,
  };
}

/** A signal as the course's API answers it (the course is the one asked about). */
function signalOf({ enrollmentId, residentId, consecutiveAbsences, lastAttendedOn }: AbsenceSignalResponse) {
  return { enrollmentId, residentId, consecutiveAbsences, lastAttendedOn };
}

export function enrollmentOf(row: Record<string, unknown>): EnrollmentResponse {
  return {
    id: row.id as string,
    courseId: row.course_id as string,
    residentId: row.resident_id as string,
    status: row.status as string,
    waitlistPosition: (row.waitlist_position as number | null) ?? null,
    requestedAt: new Date(row.requested_at as string).toISOString(),
    enrolledOn: row.enrolled_on as string | null,
    endedOn: row.ended_on as string | null,
    endReason: row.end_reason as string | null,
    version: row.version as number,
  };
}

/**
 * Japanese-language courses run by the city's international-exchange staff: the course and its
 * sessions, enrollment with a waitlist served in request order, attendance, and completion.
 * Enrollment changes of one course are serialized by locking the course row, so capacity can
 * never be exceeded however many requests arrive at once.
 */
@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  private today(): string {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  async create(ctx: RequestContext, input: CreateCourseDto): Promise<CourseResponse> {
    const principal = ctx.principal!;
    const municipalityCode = input.municipalityCode ?? principal.municipalityCodes[0];
    if (!municipalityCode || !principal.municipalityCodes.includes(municipalityCode)) {
      throw ProblemException.validation([
        { field: 'municipalityCode', reason: 'not a municipality your office serves' },
      ]);
    }
    const problems = [];
    if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', reason: 'must not be before startsOn' });
    if (input.levelTo < input.levelFrom) problems.push({ field: 'levelTo', reason: 'must not be below levelFrom' });
    if (problems.length) throw ProblemException.validation(problems);
    return this.dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO language_course (municipality_code, org_id, title, provider, provider_kind, venue, online, level_from,
                                      level_to, instruction_language, schedule, capacity, fee_yen, starts_on, ends_on,
                                      completion_attendance_percent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [
          municipalityCode,
          principal.orgId,
          input.title,
          input.provider,
          input.providerKind,
          input.venue ?? null,
          input.online ?? false,
          input.levelFrom,
          input.levelTo,
          input.instructionLanguage,
          input.schedule ?? null,
          input.capacity,
          input.feeYen ?? 0,
          input.startsOn,
          input.endsOn,
          input.completionAttendancePercent ?? 80,
        ],
      );
      await this.audit.record(
        ctx,
        { action: 'language_course.create', entity: 'language_course', entityId: id, diff: { title: input.title } },
        tx,
      );
      return courseOf(await this.courseRow(tx, ctx, id));
    });
  }

  async list(ctx: RequestContext, query: CourseQueryDto): Promise<Page<CourseResponse>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ s: string; id: string }>(query.cursor, ['s', 'id']);
    const params: unknown[] = [ctx.principal!.municipalityCodes, limit + 1];
    const where = ['c.municipality_code = ANY ($1::char(6)[])'];
    if (query.from) where.push(`c.ends_on >= $${params.push(query.from)}::date`);
    if (cursor) where.push(`(c.starts_on, c.id) < ($${params.push(cursor.s)}::date, $${params.push(cursor.id)}::uuid)`);
    const rows = await this.dataSource.query(
      `SELECT ${COURSE_COLUMNS} FROM language_course c WHERE ${where.join(' AND ')}
        ORDER BY c.starts_on DESC, c.id DESC LIMIT $2`,
      params,
    );
    return toPage(rows.map(courseOf), limit, (course) => ({ s: course.startsOn, id: course.id }));
  }

  async get(ctx: RequestContext, id: string): Promise<CourseResponse> {
    return courseOf(await this.courseRow(this.dataSource.manager, ctx, id));
  }

  async update(ctx: RequestContext, id: string, input: UpdateCourseDto): Promise<CourseResponse> {
    const promoted = await this.dataSource.transaction(async (tx) => {
      const course = await this.courseRow(tx, ctx, id, true);
      if (course.version !== input.version) throw ProblemException.staleVersion('The course', input.version);
      const endsOn = input.endsOn ?? course.ends_on;
      if (endsOn < course.starts_on) {
        throw ProblemException.validation([{ field: 'endsOn', reason: 'must not be before the start date' }]);
      }
      await tx.query(
        `UPDATE language_course SET title = coalesce($2, title), venue = coalesce($3, venue),
                schedule = coalesce($4, schedule), capacity = coalesce($5, capacity), ends_on = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, input.title ?? null, input.venue ?? null, input.schedule ?? null, input.capacity ?? null, endsOn],
      );
      await this.audit.record(
        ctx,
        { action: 'language_course.update', entity: 'language_course', entityId: id, diff: { ...input } },
        tx,
      );
      // More places: the waitlist moves up at once.
      return this.fillPlaces(tx, ctx, await this.courseRow(tx, ctx, id));
    });
    await this.announcePromotions(promoted.enrollments, promoted.notices);
    return this.get(ctx, id);
  }

  async addSession(ctx: RequestContext, courseId: string, input: CreateSessionDto): Promise<SessionResponse> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.courseRow(tx, ctx, courseId);
      if (input.heldOn < course.starts_on || input.heldOn > course.ends_on) {
        throw ProblemException.validation([
          { field: 'heldOn', reason: `must be within the course (${course.starts_on} to ${course.ends_on})` },
        ]);
      }
      const rows = await tx.query(
        `INSERT INTO course_session (course_id, held_on, starts_at, topic) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING ${SESSION_COLUMNS}`,
        [courseId, input.heldOn, input.startsAt ?? null, input.topic ?? null],
      );
      if (!rows.length) {
        throw ProblemException.conflict('The course already has a session at that date and time.', 'duplicate-session');
      }
      await this.audit.record(
        ctx,
        { action: 'course_session.create', entity: 'course_session', entityId: rows[0].id, diff: { ...input } },
        tx,
      );
      return sessionOf(rows[0]);
    });
  }

  async sessions(ctx: RequestContext, courseId: string): Promise<SessionResponse[]> {
    await this.courseRow(this.dataSource.manager, ctx, courseId);
    const rows = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM course_session WHERE course_id = $1 ORDER BY held_on, starts_at NULLS FIRST`,
      [courseId],
    );
    return rows.map(sessionOf);
  }

  async updateSession(ctx: RequestContext, id: string, input: UpdateSessionDto): Promise<SessionResponse> {
    return this.dataSource.transaction(async (tx) => {
      const [session] = await tx.query(`SELECT ${SESSION_COLUMNS} FROM course_session WHERE id = $1 FOR UPDATE`, [id]);
      if (!session) throw ProblemException.notFound('Session');
      const course = await this.courseRow(tx, ctx, session.course_id).catch(() => {
        throw ProblemException.notFound('Session');
      });
      if (session.version !== input.version) throw ProblemException.staleVersion('The session', input.version);
      const heldOn = input.heldOn ?? session.held_on;
      if (heldOn < course.starts_on || heldOn > course.ends_on) {
        throw ProblemException.validation([
          { field: 'heldOn', reason: `must be within the course (${course.starts_on} to ${course.ends_on})` },
        ]);
      }
      const [[row]] = await tx.query(
        `UPDATE course_session SET held_on = $2, topic = coalesce($3, topic), cancelled = coalesce($4, cancelled),
                version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING ${SESSION_COLUMNS}`,
        [id, heldOn, input.topic ?? null, input.cancelled ?? null],
      );
      await this.audit.record(
        ctx,
        { action: 'course_session.update', entity: 'course_session', entityId: id, diff: { ...input } },
        tx,
      );
      return sessionOf(row);
    });
  }

  /**
   * Enrolls a resident, or puts them on the waitlist when the course is full. The course row is
   * locked first: concurrent requests queue on it and are served one by one, in the order they
   * reached the database, so exactly `capacity` are enrolled and the rest waitlisted in that order.
   */
  async enroll(ctx: RequestContext, courseId: string, residentId: string): Promise<EnrollmentResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    return this.dataSource.transaction(async (tx) => {
      const course = await this.courseRow(tx, ctx, courseId, true);
      if (course.closed_on) throw ProblemException.conflict('The course is closed.', 'course-closed');
      if (this.today() > course.ends_on) throw ProblemException.conflict('The course has ended.', 'course-ended');
      const [existing] = await tx.query(`SELECT id, status FROM enrollment WHERE course_id = $1 AND resident_id = $2`, [
        courseId,
        residentId,
      ]);
      if (existing && ['WAITLISTED', 'ENROLLED', 'COMPLETED'].includes(existing.status)) {
        throw ProblemException.conflict(
          `The resident is already ${existing.status.toLowerCase()} in this course.`,
          'already-enrolled',
        );
      }
      const [{ enrolled }] = await tx.query(
        `SELECT count(*)::int AS enrolled FROM enrollment WHERE course_id = $1 AND status = 'ENROLLED'`,
        [courseId],
      );
      const status = enrolled < course.capacity ? 'ENROLLED' : 'WAITLISTED';
      const enrolledOn = status === 'ENROLLED' ? this.laterOf(this.today(), course.starts_on) : null;
      // The request is timed when it is served (after the lock), so its time and its place agree.
      // Someone who withdrew earlier asks again: a new request, at the end of the queue.
      const [{ id }] = existing
        ? (
            await tx.query(
              `UPDATE enrollment SET status = $2, enrolled_on = $3, request_seq = nextval('enrollment_request_seq'),
                      requested_at = clock_timestamp(), ended_on = NULL, end_reason = NULL, version = version + 1, updated_at = now()
                WHERE id = $1 RETURNING id`,
              [existing.id, status, enrolledOn],
            )
          )[0]
        : await tx.query(
            `INSERT INTO enrollment (course_id, resident_id, status, enrolled_on, requested_at)
             VALUES ($1, $2, $3, $4, clock_timestamp()) RETURNING id`,
            [courseId, residentId, status, enrolledOn],
          );
      await this.audit.record(
        ctx,
        { action: 'enrollment.create', entity: 'enrollment', entityId: id, residentId, diff: { courseId, status } },
        tx,
      );
      return this.enrollment(tx, id);
    });
  }

  /**
   * A learner withdraws (or the coordinator drops them). A place they held goes to the first
   * person on the waitlist while the course is still running; that person is told ([K8]'s
   * notifications subscribe to `enrollment.promoted`).
   */
  async end(
    ctx: RequestContext,
    enrollmentId: string,
    input: UpdateEnrollmentDto,
  ): Promise<EnrollmentResponse & { promoted: EnrollmentResponse | null }> {
    const [located] = await this.dataSource.query(`SELECT course_id FROM enrollment WHERE id = $1`, [enrollmentId]);
    if (!located) throw ProblemException.notFound('Enrollment');
    const { ended, promoted, filled } = await this.dataSource.transaction(async (tx) => {
      const course = await this.courseRow(tx, ctx, located.course_id, true).catch(() => {
        throw ProblemException.notFound('Enrollment');
      });
      const [before] = await tx.query(`SELECT * FROM enrollment WHERE id = $1 FOR UPDATE`, [enrollmentId]);
      if (before.version !== input.version) throw ProblemException.staleVersion('The enrollment', input.version);
      if (!['WAITLISTED', 'ENROLLED'].includes(before.status)) {
        throw ProblemException.conflict(`The enrollment has already ended (${before.status}).`, 'enrollment-ended');
      }
      await tx.query(
        `UPDATE enrollment SET status = $2, ended_on = $3, end_reason = $4, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [enrollmentId, input.status, this.today(), input.reason ?? null],
      );
      await this.audit.record(
        ctx,
        {
          action: 'enrollment.end',
          entity: 'enrollment',
          entityId: enrollmentId,
          residentId: before.resident_id,
          diff: { status: [before.status, input.status], reason: input.reason ?? null },
        },
        tx,
      );
      const filled =
        before.status === 'ENROLLED' ? await this.fillPlaces(tx, ctx, course) : { enrollments: [], notices: [] };
      return { ended: await this.enrollment(tx, enrollmentId), promoted: filled.enrollments[0] ?? null, filled };
    });
    await this.announcePromotions(filled.enrollments, filled.notices);
    return { ...ended, promoted };
  }

  /** The roster: everyone who asked for a place, enrolled first, then the waitlist in order. */
  async roster(ctx: RequestContext, courseId: string): Promise<RosterEntryResponse[]> {
    await this.courseRow(this.dataSource.manager, ctx, courseId);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH counted AS (${ENROLLMENT_ATTENDANCE})
       SELECT ${ENROLLMENT_COLUMNS}, r.family_name, r.given_name, r.kana_name, r.preferred_language,
              coalesce(a.sessions_counted, 0) AS sessions_counted, coalesce(a.sessions_present, 0) AS sessions_present
         FROM enrollment e JOIN resident_register r ON r.id = e.resident_id
         LEFT JOIN counted a ON a.enrollment_id = e.id
        WHERE e.course_id = $1
        ORDER BY CASE e.status WHEN 'ENROLLED' THEN 0 WHEN 'COMPLETED' THEN 1 WHEN 'WAITLISTED' THEN 2 ELSE 3 END,
                 e.request_seq`,
      [courseId, this.today()],
    );
    await this.audit.recordMany(
      ctx,
      rows.map((row) => ({
        action: 'enrollment.read',
        entity: 'language_course',
        entityId: courseId,
        residentId: row.resident_id as string,
      })),
    );
    return rows.map((row) => {
      const counted = row.sessions_counted as number;
      const present = row.sessions_present as number;
      return {
        ...enrollmentOf(row),
        familyName: row.family_name as string,
        givenName: row.given_name as string | null,
        kanaName: row.kana_name as string | null,
        preferredLanguage: row.preferred_language as string | null,
        sessionsCounted: counted,
        sessionsPresent: present,
        attendancePercent: counted ? Math.round((100 * present) / counted) : null,
      };
    });
  }

  /** Attendance of one session, many learners at once; returns who is now absent 3 times in a row. */
  async recordAttendance(
    ctx: RequestContext,
    sessionId: string,
    input: RecordCourseAttendanceDto,
  ): Promise<RecordCourseAttendanceResponse> {
    const [session] = await this.dataSource.query(`SELECT ${SESSION_COLUMNS} FROM course_session WHERE id = $1`, [
      sessionId,
    ]);
    if (!session) throw ProblemException.notFound('Session');
    const course = await this.courseRow(this.dataSource.manager, ctx, session.course_id).catch(() => {
      throw ProblemException.notFound('Session');
    });
    if (session.cancelled) throw ProblemException.conflict('The session was cancelled.', 'session-cancelled');
    if (session.held_on > this.today()) {
      throw ProblemException.conflict('Attendance is recorded on or after the day of the session.', 'session-ahead');
    }
    const ids = input.records.map((record) => record.enrollmentId);
    const enrollments: Array<{ id: string; resident_id: string; status: string; enrolled_on: string | null }> =
      await this.dataSource.query(
        `SELECT id, resident_id, status, enrolled_on::text AS enrolled_on FROM enrollment
          WHERE course_id = $1 AND id = ANY ($2::uuid[])`,
        [course.id, ids],
      );
    const byId = new Map(enrollments.map((row) => [row.id, row]));
    const problems = input.records.flatMap((record, index) => {
      const enrollment = byId.get(record.enrollmentId);
      if (!enrollment) return [{ field: `records[${index}].enrollmentId`, reason: 'not an enrollment of this course' }];
      if (!enrollment.enrolled_on || enrollment.enrolled_on > session.held_on || enrollment.status === 'WAITLISTED') {
        return [
          { field: `records[${index}].enrollmentId`, reason: 'the learner was not enrolled on the day of the session' },
        ];
      }
      return [];
    });
    if (new Set(ids).size !== ids.length) problems.push({ field: 'records', reason: 'an enrollment is listed twice' });
    if (problems.length) throw ProblemException.validation(problems);
    const signals = await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO attendance (session_id, enrollment_id, status, recorded_by_user_id)
         SELECT $1, r.enrollment_id, r.status, $4 FROM unnest($2::uuid[], $3::text[]) AS r (enrollment_id, status)
         ON CONFLICT (session_id, enrollment_id)
         DO UPDATE SET status = EXCLUDED.status, recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = now()`,
        [sessionId, ids, input.records.map((record) => record.status), ctx.principal!.userId],
      );
      await this.audit.recordMany(
        ctx,
        input.records.map((record) => ({
          action: 'attendance.record',
          entity: 'course_session',
          entityId: sessionId,
          residentId: byId.get(record.enrollmentId)!.resident_id,
          diff: { status: record.status },
        })),
        tx,
      );
      return (await this.absenceSignals(tx, { courseId: course.id, enrollmentIds: ids })).map(signalOf);
    });
    for (const residentId of new Set(enrollments.map((row) => row.resident_id))) {
      await this.events.publish('attendance.changed', {
        residentId,
        municipalityCode: course.municipality_code,
        courseId: course.id,
      });
    }
    for (const signal of signals) {
      await this.events.publish('learner.absent', {
        residentId: signal.residentId,
        municipalityCode: course.municipality_code,
        courseId: course.id,
        enrollmentId: signal.enrollmentId,
        consecutiveAbsences: signal.consecutiveAbsences,
      });
    }
    return {
      records: input.records.map((record) => ({
        enrollmentId: record.enrollmentId,
        residentId: byId.get(record.enrollmentId)!.resident_id,
        status: record.status,
      })),
      absentThreeInARow: signals,
    };
  }

  /** Learners of a course now absent from at least 3 recorded sessions in a row. */
  async absentLearners(ctx: RequestContext, courseId: string): Promise<AbsenceSignalResponse[]> {
    await this.courseRow(this.dataSource.manager, ctx, courseId);
    const signals = (await this.absenceSignals(this.dataSource.manager, { courseId, enrollmentIds: null })).map(
      signalOf,
    );
    await this.audit.recordMany(
      ctx,
      signals.map((signal) => ({
        action: 'attendance.read',
        entity: 'language_course',
        entityId: courseId,
        residentId: signal.residentId,
      })),
    );
    return signals;
  }

  /**
   * Decides completion: each enrolled learner who attended at least the course's share of the
   * sessions counted is COMPLETED, the others DROPPED with the figures as the reason; people still
   * waiting never got a place and are WITHDRAWN. Closing twice is refused.
   */
  async close(ctx: RequestContext, courseId: string): Promise<CloseCourseResponse> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.courseRow(tx, ctx, courseId, true);
      if (course.closed_on)
        throw ProblemException.conflict(`The course was closed on ${course.closed_on}.`, 'course-closed');
      const today = this.today();
      if (today < course.starts_on)
        throw ProblemException.conflict('The course has not started.', 'course-not-started');
      const [rows] = await tx.query(
        `WITH counted AS (${ENROLLMENT_ATTENDANCE}),
         decided AS (
           SELECT e.id, coalesce(a.sessions_counted, 0) AS counted, coalesce(a.sessions_present, 0) AS present,
                  coalesce(a.sessions_counted, 0) > 0
                    AND 100 * coalesce(a.sessions_present, 0) >= $3 * a.sessions_counted AS completed
             FROM enrollment e LEFT JOIN counted a ON a.enrollment_id = e.id
            WHERE e.course_id = $1 AND e.status = 'ENROLLED')
         UPDATE enrollment e
            SET status = CASE WHEN d.completed THEN 'COMPLETED' ELSE 'DROPPED' END, ended_on = $2::date,
                end_reason = CASE WHEN d.completed THEN NULL
                                  ELSE 'attended ' || d.present || ' of ' || d.counted || ' sessions; '
                                       || $3 || '% needed' END,
                version = e.version + 1, updated_at = now()
           FROM decided d WHERE e.id = d.id
         RETURNING e.id, e.resident_id, e.status`,
        [courseId, today, course.completion_attendance_percent],
      );
      const [withdrawn] = await tx.query(
        `UPDATE enrollment SET status = 'WITHDRAWN', ended_on = $2, end_reason = 'the course closed before a place opened',
                version = version + 1, updated_at = now()
          WHERE course_id = $1 AND status = 'WAITLISTED'
         RETURNING id, resident_id`,
        [courseId, today],
      );
      await tx.query(
        `UPDATE language_course SET closed_on = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [courseId, today],
      );
      const decided = rows as Array<{ id: string; resident_id: string; status: string }>;
      const unplaced = withdrawn as Array<{ id: string; resident_id: string }>;
      await this.audit.recordMany(
        ctx,
        [
          {
            action: 'language_course.close',
            entity: 'language_course',
            entityId: courseId,
            diff: { closedOn: today, decided: decided.length, withdrawn: unplaced.length },
          },
          ...decided.map((row) => ({
            action: 'enrollment.complete',
            entity: 'enrollment',
            entityId: row.id,
            residentId: row.resident_id,
            diff: { status: row.status },
          })),
          ...unplaced.map((row) => ({
            action: 'enrollment.withdraw',
            entity: 'enrollment',
            entityId: row.id,
            residentId: row.resident_id,
            diff: { status: 'WITHDRAWN', reason: 'the course closed before a place opened' },
          })),
        ],
        tx,
      );
      return {
        closedOn: today,
        completed: decided.filter((row) => row.status === 'COMPLETED').length,
        dropped: decided.filter((row) => row.status === 'DROPPED').length,
      };
    });
  }

  /** The attendance sheet: one line per learner, one column per session (P, A, E or empty). */
  async *attendanceSheet(ctx: RequestContext, courseId: string): AsyncGenerator<unknown[]> {
    const sessions = (await this.sessions(ctx, courseId)).filter((session) => !session.cancelled);
    const roster = (await this.roster(ctx, courseId)).filter((entry) => entry.enrolledOn);
    const marks: Array<{ session_id: string; enrollment_id: string; status: string }> = await this.dataSource.query(
      `SELECT a.session_id, a.enrollment_id, a.status FROM attendance a JOIN course_session s ON s.id = a.session_id
        WHERE s.course_id = $1`,
      [courseId],
    );
    const mark = new Map(marks.map((row) => [`${row.session_id} ${row.enrollment_id}`, row.status[0]]));
    yield [
      'family_name',
      'given_name',
      'kana_name',
      'status',
      'enrolled_on',
      ...sessions.map((session) => session.heldOn + (session.startsAt ? ` ${session.startsAt}` : '')),
      'attendance_percent',
    ];
    for (const entry of roster) {
      yield [
        entry.familyName,
        entry.givenName,
        entry.kanaName,
        entry.status,
        entry.enrolledOn,
        ...sessions.map((session) => mark.get(`${session.id} ${entry.id}`) ?? ''),
        entry.attendancePercent,
      ];
    }
  }

  /**
   * For alerts: learners of a municipality's open courses now absent from 3 or more recorded
   * sessions in a row (among `residentIds` when given), in one query over all its courses.
   */
  async absentLearnersOf(
    municipalityCode: string,
    residentIds: readonly string[] | null,
  ): Promise<Array<AbsenceSignalResponse & { courseId: string; courseTitle: string }>> {
    return this.absenceSignals(this.dataSource.manager, { municipalityCode, residentIds });
  }

  /**
   * Learners absent from 3 or more recorded sessions in a row: of one course (optionally only some
   * enrollments), or of a municipality's open courses (optionally only some residents).
   */
  private async absenceSignals(
    manager: EntityManager,
    scope:
      | { courseId: string; enrollmentIds: string[] | null }
      | { municipalityCode: string; residentIds: readonly string[] | null },
  ): Promise<Array<AbsenceSignalResponse & { courseId: string; courseTitle: string }>> {
    const [where, params] =
      'courseId' in scope
        ? ['c.id = $1 AND ($2::uuid[] IS NULL OR e.id = ANY ($2::uuid[]))', [scope.courseId, scope.enrollmentIds]]
        : [
            'c.municipality_code = $1 AND c.closed_on IS NULL AND ($2::uuid[] IS NULL OR e.resident_id = ANY ($2::uuid[]))',
            [scope.municipalityCode, scope.residentIds],
          ];
    // Excused absences neither count nor break a run; unrecorded sessions are not judged.
    const rows: Array<Record<string, unknown>> = await manager.query(
      `WITH marks AS (
         SELECT e.id AS enrollment_id, e.resident_id, c.id AS course_id, c.title, s.held_on, a.status,
                row_number() OVER (PARTITION BY e.id ORDER BY s.held_on DESC, s.starts_at DESC NULLS LAST) AS recent
           FROM enrollment e
           JOIN language_course c ON c.id = e.course_id
           JOIN attendance a ON a.enrollment_id = e.id AND a.status IN ('PRESENT', 'ABSENT')
           JOIN course_session s ON s.id = a.session_id AND NOT s.cancelled
          WHERE e.status = 'ENROLLED' AND ${where})
       SELECT enrollment_id, resident_id, course_id, title,
              coalesce(min(recent) FILTER (WHERE status = 'PRESENT') - 1, count(*))::int AS consecutive,
              max(held_on) FILTER (WHERE status = 'PRESENT')::text AS last_attended_on
         FROM marks GROUP BY enrollment_id, resident_id, course_id, title
       HAVING coalesce(min(recent) FILTER (WHERE status = 'PRESENT') - 1, count(*)) >= ${ABSENCES_SIGNALLED}
        ORDER BY enrollment_id`,
      params,
    );
    return rows.map((row) => ({
      enrollmentId: row.enrollment_id as string,
      residentId: row.resident_id as string,
      consecutiveAbsences: row.consecutive as number,
      lastAttendedOn: row.last_attended_on as string | null,
      courseId: row.course_id as string,
      courseTitle: row.title as string,
    }));
  }

  /** Places free while the course runs go to the waitlist in request order. */
  private async fillPlaces(
    tx: EntityManager,
    ctx: RequestContext,
    course: CourseRow,
  ): Promise<{ enrollments: EnrollmentResponse[]; notices: Array<string | null> }> {
    const today = this.today();
    if (course.closed_on || today > course.ends_on) return { enrollments: [], notices: [] };
    const [rows] = await tx.query(
      `UPDATE enrollment SET status = 'ENROLLED', enrolled_on = $3, version = version + 1, updated_at = now()
        WHERE id IN (SELECT id FROM enrollment WHERE course_id = $1 AND status = 'WAITLISTED' ORDER BY request_seq
                      LIMIT greatest(0, $2 - (SELECT count(*) FROM enrollment WHERE course_id = $1 AND status = 'ENROLLED')))
        RETURNING id, resident_id`,
      [course.id, course.capacity, this.laterOf(today, course.starts_on)],
    );
    const promoted = rows as Array<{ id: string; resident_id: string }>;
    await this.audit.recordMany(
      ctx,
      promoted.map((row) => ({
        action: 'enrollment.promote',
        entity: 'enrollment',
        entityId: row.id,
        residentId: row.resident_id,
        diff: { status: ['WAITLISTED', 'ENROLLED'] },
      })),
      tx,
    );
    // The resident is told in the same transaction (the outbox): the place and its notice stand or
    // fall together.
    const schedule = await this.notifications.schedule('COURSE_PLACE_OFFERED', tx);
    const notices: Array<string | null> = [];
    for (const row of schedule?.enabled === false ? [] : promoted) {
      notices.push(
        await this.notifications.enqueue(tx, {
          residentId: row.resident_id,
          purpose: 'COURSE_PLACE_OFFERED',
          data: { courseName: course.title as string, startDate: this.laterOf(today, course.starts_on) },
          dedupKey: `course-place-offered-${row.id}`,
        }),
      );
    }
    return { enrollments: await Promise.all(promoted.map((row) => this.enrollment(tx, row.id))), notices };
  }

  /** After the commit: the notices go out now (not at the next relay), and the event is published. */
  private async announcePromotions(promoted: EnrollmentResponse[], notices: Array<string | null>): Promise<void> {
    await this.notifications.dispatch(notices);
    for (const enrollment of promoted) {
      const municipalityCode = (await this.directory.municipalityOf(enrollment.residentId)) ?? '';
      await this.events.publish('enrollment.promoted', {
        enrollmentId: enrollment.id,
        courseId: enrollment.courseId,
        residentId: enrollment.residentId,
        municipalityCode,
      });
    }
  }

  private laterOf(a: string, b: string): string {
    return a > b ? a : b;
  }

  private async enrollment(manager: EntityManager, id: string): Promise<EnrollmentResponse> {
    const [row] = await manager.query(`SELECT ${ENROLLMENT_COLUMNS} FROM enrollment e WHERE e.id = $1`, [id]);
    return enrollmentOf(row);
  }

  /** A course of the caller's municipalities (404 otherwise), locked for the transaction if asked. */
  private async courseRow(manager: EntityManager, ctx: RequestContext, id: string, lock = false): Promise<CourseRow> {
    if (lock) {
      const [locked] = await manager.query(
        `SELECT id FROM language_course WHERE id = $1 AND municipality_code = ANY ($2::char(6)[]) FOR UPDATE`,
        [id, ctx.principal!.municipalityCodes],
      );
      if (!locked) throw ProblemException.notFound('Course');
    }
    const [row] = await manager.query(
      `SELECT ${COURSE_COLUMNS} FROM language_course c WHERE c.id = $1 AND c.municipality_code = ANY ($2::char(6)[])`,
      [id, ctx.principal!.municipalityCodes],
    );
    if (!row) throw ProblemException.notFound('Course');
    return row as CourseRow;
  }
}
