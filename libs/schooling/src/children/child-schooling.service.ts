import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  DomainEvents,
  officeDate,
  ProblemException,
  schoolYearOf,
  SqlParams,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import { schoolAge } from '../school-age.js';
import type {
  AbsenceMonthResponse,
  ChildSchoolingResponse,
  CreateSchoolEnrollmentDto,
  GuideResponseResponse,
  RecordAbsenceDto,
  RecordGuideResponseDto,
  RecordSchoolingStatusDto,
  SchoolEnrollmentResponse,
  SchoolingStatusResponse,
  UpdateSchoolEnrollmentDto,
} from '../schooling.dto.js';
import { assertSchoolingDuty } from '../schooling-access.js';
import {
  LONG_ABSENCE_DAYS,
  type AbsenceReason,
  type GuideResponse,
  type RecordedSchoolingStatus,
  type SchoolingStatus,
  type SchoolKind,
} from '../schooling-codes.js';
import { effectiveStatusSql, schoolingJoinsSql } from '../schooling-query.js';
import { SchoolsService } from '../schools/schools.service.js';

const ENROLLMENT_COLUMNS = `e.id, e.resident_id, e.school_id, s.name AS school_name, s.kind AS school_kind, e.grade,
  e.from_date::text AS from_date, e.to_date::text AS to_date, e.japanese_instruction_needed, e.note, e.version`;
const STATUS_COLUMNS = `school_year, status, source, confirmed_on::text AS confirmed_on, note, version`;

function enrollmentOf(row: Record<string, unknown>): SchoolEnrollmentResponse {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    schoolId: row.school_id as string,
    schoolName: row.school_name as string,
    schoolKind: row.school_kind as SchoolKind,
    grade: row.grade as number | null,
    fromDate: row.from_date as string,
    toDate: row.to_date as string | null,
    japaneseInstructionNeeded: row.japanese_instruction_needed as boolean,
    note: row.note as string | null,
    version: row.version as number,
  };
}

function statusOf(row: Record<string, unknown>): SchoolingStatusResponse {
  return {
    schoolYear: row.school_year as number,
    status: row.status as RecordedSchoolingStatus,
    source: row.source as string,
    confirmedOn: row.confirmed_on as string,
    note: row.note as string | null,
    version: row.version as number,
  };
}

/** What the guide's answers say about a child's schooling for the year. */
const STATUS_OF_RESPONSE: Record<GuideResponse, RecordedSchoolingStatus | null> = {
  INTENDS_TO_ENROLL: null,
  FOREIGN_SCHOOL: 'ENROLLED_FOREIGN_SCHOOL',
  LEAVING: 'MOVED_OR_LEFT',
};

/**
 * One child's schooling: enrolments (one school at a time), the status the board records per school
 * year, monthly absences and the answers to the enrolment guide. Every read and write is audited;
 * only the board and the city's caseworkers of the child's municipality see any of it.
 */
@Injectable()
export class ChildSchoolingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly schools: SchoolsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): string {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  async get(ctx: RequestContext, residentId: string): Promise<ChildSchoolingResponse> {
    const municipalityCode = await this.access(ctx, residentId);
    const on = this.today();
    const year = schoolYearOf(on);
    const manager = this.dataSource.manager;
    // Today's category by the same rule as the roster and the survey.
    const params = new SqlParams();
    const id = params.add(residentId, '::uuid');
    const [child]: Array<{ birth_date: string; status: SchoolingStatus }> = await manager.query(
      `SELECT r.birth_date::text AS birth_date, ${effectiveStatusSql(params)} AS status
         FROM resident_register r ${schoolingJoinsSql(on, params)} WHERE r.id = ${id}`,
      params.values,
    );
    const enrollments = await this.enrollments(manager, residentId);
    const statuses: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${STATUS_COLUMNS} FROM schooling_status WHERE resident_id = $1 ORDER BY school_year DESC`,
      [residentId],
    );
    const absences: Array<Record<string, unknown>> = await manager.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, school_year, days_absent, reason FROM absence_month
        WHERE resident_id = $1 ORDER BY month DESC`,
      [residentId],
    );
    const guides: Array<Record<string, unknown>> = await manager.query(
      `SELECT school_year, guardian_id, sent_on::text AS sent_on FROM school_guide_recipient
        WHERE child_id = $1 ORDER BY school_year DESC, sent_on DESC`,
      [residentId],
    );
    const responses: Array<Record<string, unknown>> = await manager.query(
      `SELECT id, school_year, response, responded_on::text AS responded_on, note FROM school_guide_response
        WHERE child_id = $1 ORDER BY responded_on DESC, created_at DESC`,
      [residentId],
    );
    const absentDays = absences
      .filter((row) => row.school_year === year)
      .reduce((sum, row) => sum + (row.days_absent as number), 0);
    await this.audit.record(ctx, {
      action: 'schooling.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
      diff: { municipalityCode },
    });
    return {
      residentId,
      on,
      schoolYear: year,
      schoolAge: schoolAge(child.birth_date, on),
      status: child.status,
      absentDays,
      longAbsence: absentDays >= LONG_ABSENCE_DAYS,
      enrollments,
      statuses: statuses.map(statusOf),
      absences: absences.map((row): AbsenceMonthResponse => ({
        month: row.month as string,
        schoolYear: row.school_year as number,
        daysAbsent: row.days_absent as number,
        reason: row.reason as AbsenceReason | null,
      })),
      guides: guides.map((row) => ({
        schoolYear: row.school_year as number,
        guardianId: row.guardian_id as string,
        sentOn: row.sent_on as string,
      })),
      guideResponses: responses.map((row): GuideResponseResponse => ({
        id: row.id as string,
        schoolYear: row.school_year as number,
        response: row.response as GuideResponse,
        respondedOn: row.responded_on as string,
        note: row.note as string | null,
      })),
    };
  }

  async createEnrollment(
    ctx: RequestContext,
    residentId: string,
    input: CreateSchoolEnrollmentDto,
  ): Promise<SchoolEnrollmentResponse> {
    const municipalityCode = await this.access(ctx, residentId);
    this.checkPeriod(input.fromDate, input.toDate ?? null);
    const created = await this.dataSource.transaction(async (tx) => {
      await this.schools.visible(tx, ctx, input.schoolId);
      const [row] = await this.overlapSafe(() =>
        tx.query(
          `INSERT INTO school_enrollment (resident_id, school_id, grade, from_date, to_date, japanese_instruction_needed, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [
            residentId,
            input.schoolId,
            input.grade ?? null,
            input.fromDate,
            input.toDate ?? null,
            input.japaneseInstructionNeeded ?? false,
            input.note ?? null,
          ],
        ),
      );
      await this.audit.record(
        ctx,
        {
          action: 'school_enrollment.create',
          entity: 'school_enrollment',
          entityId: row.id,
          residentId,
          diff: { schoolId: input.schoolId, fromDate: input.fromDate, toDate: input.toDate ?? null },
        },
        tx,
      );
      return this.enrollment(tx, residentId, row.id);
    });
    await this.changed(residentId, municipalityCode);
    return created;
  }

  async updateEnrollment(
    ctx: RequestContext,
    residentId: string,
    enrollmentId: string,
    input: UpdateSchoolEnrollmentDto,
  ): Promise<SchoolEnrollmentResponse> {
    const municipalityCode = await this.access(ctx, residentId);
    const updated = await this.dataSource.transaction(async (tx) => {
      const before = await this.enrollment(tx, residentId, enrollmentId, true);
      if (before.version !== input.version) throw ProblemException.staleVersion('The enrolment', input.version);
      const toDate = input.toDate !== undefined ? input.toDate : before.toDate;
      this.checkPeriod(before.fromDate, toDate);
      await this.overlapSafe(() =>
        tx.query(
          `UPDATE school_enrollment SET
                  grade = CASE WHEN $2::boolean THEN $3::smallint ELSE grade END,
                  to_date = $4::date,
                  japanese_instruction_needed = coalesce($5, japanese_instruction_needed),
                  note = CASE WHEN $6::boolean THEN $7 ELSE note END,
                  version = version + 1, updated_at = now()
            WHERE id = $1`,
          [
            enrollmentId,
            input.grade !== undefined,
            input.grade ?? null,
            toDate,
            input.japaneseInstructionNeeded ?? null,
            input.note !== undefined,
            input.note ?? null,
          ],
        ),
      );
      await this.audit.record(
        ctx,
        {
          action: 'school_enrollment.update',
          entity: 'school_enrollment',
          entityId: enrollmentId,
          residentId,
          diff: {
            toDate: [before.toDate, toDate],
            grade: input.grade,
            note: input.note === undefined ? undefined : '…',
          },
        },
        tx,
      );
      return this.enrollment(tx, residentId, enrollmentId);
    });
    await this.changed(residentId, municipalityCode);
    return updated;
  }

  /** The board's finding for a school year (after a home visit, a call, a school's report). */
  async recordStatus(
    ctx: RequestContext,
    residentId: string,
    schoolYear: number,
    input: RecordSchoolingStatusDto,
  ): Promise<SchoolingStatusResponse> {
    const municipalityCode = await this.access(ctx, residentId);
    const saved = await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT ${STATUS_COLUMNS} FROM schooling_status WHERE resident_id = $1 AND school_year = $2 FOR UPDATE`,
        [residentId, schoolYear],
      );
      if (before && input.version === undefined) {
        throw ProblemException.validation([
          { field: 'version', reason: 'required: a status is already recorded for this school year' },
        ]);
      }
      if (before && before.version !== input.version) {
        throw ProblemException.staleVersion('The schooling status', input.version!);
      }
      const row = await this.upsertStatus(tx, ctx, {
        residentId,
        municipalityCode,
        schoolYear,
        status: input.status,
        source: input.source ?? 'MANUAL',
        confirmedOn: input.confirmedOn ?? this.today(),
        note: input.note ?? null,
      });
      await this.audit.record(
        ctx,
        {
          action: 'schooling_status.record',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { schoolYear, status: [before?.status ?? null, input.status], source: input.source ?? 'MANUAL' },
        },
        tx,
      );
      return statusOf(row);
    });
    await this.changed(residentId, municipalityCode);
    return saved;
  }

  /** Days absent in a month (YYYY-MM), as the school reports them; recording again replaces the month. */
  async recordAbsence(
    ctx: RequestContext,
    residentId: string,
    month: string,
    input: RecordAbsenceDto,
  ): Promise<AbsenceMonthResponse> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw ProblemException.validation([{ field: 'month', reason: 'must be a month written YYYY-MM' }]);
    }
    if (month > this.today().slice(0, 7)) {
      throw ProblemException.validation([{ field: 'month', reason: 'must not be in the future' }]);
    }
    const municipalityCode = await this.access(ctx, residentId);
    const first = `${month}-01`;
    const schoolYear = schoolYearOf(first);
    const saved = await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO absence_month (resident_id, month, school_year, days_absent, reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (resident_id, month) DO UPDATE SET days_absent = EXCLUDED.days_absent, reason = EXCLUDED.reason,
                version = absence_month.version + 1, updated_at = now()
         RETURNING school_year, days_absent, reason`,
        [residentId, first, schoolYear, input.daysAbsent, input.reason ?? null],
      );
      await this.audit.record(
        ctx,
        {
          action: 'absence.record',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { month, daysAbsent: input.daysAbsent, reason: input.reason ?? null },
        },
        tx,
      );
      return { month, schoolYear: row.school_year, daysAbsent: row.days_absent, reason: row.reason };
    });
    await this.changed(residentId, municipalityCode);
    return saved;
  }

  /**
   * A guardian's answer to the enrolment guide. "Foreign school" and "leaving" also record the
   * child's status for the year (unless the board already found something itself).
   */
  async recordGuideResponse(
    ctx: RequestContext,
    residentId: string,
    input: RecordGuideResponseDto,
  ): Promise<GuideResponseResponse> {
    const municipalityCode = await this.access(ctx, residentId);
    const respondedOn = input.respondedOn ?? this.today();
    const saved = await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO school_guide_response (child_id, school_year, response, responded_on, note, recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [residentId, input.schoolYear, input.response, respondedOn, input.note ?? null, ctx.principal!.userId],
      );
      const status = STATUS_OF_RESPONSE[input.response];
      if (status) {
        const [found] = await tx.query(
          `SELECT source FROM schooling_status WHERE resident_id = $1 AND school_year = $2 FOR UPDATE`,
          [residentId, input.schoolYear],
        );
        if (!found || found.source === 'GUIDE_RESPONSE' || found.source === 'ENROLLMENT') {
          await this.upsertStatus(tx, ctx, {
            residentId,
            municipalityCode,
            schoolYear: input.schoolYear,
            status,
            source: 'GUIDE_RESPONSE',
            confirmedOn: respondedOn,
            note: null,
          });
        }
      }
      await this.audit.record(
        ctx,
        {
          action: 'school_guide_response.record',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { schoolYear: input.schoolYear, response: input.response },
        },
        tx,
      );
      return {
        id: row.id as string,
        schoolYear: input.schoolYear,
        response: input.response,
        respondedOn,
        note: input.note ?? null,
      };
    });
    await this.changed(residentId, municipalityCode);
    return saved;
  }

  private async upsertStatus(
    tx: EntityManager,
    ctx: RequestContext,
    input: {
      residentId: string;
      municipalityCode: string;
      schoolYear: number;
      status: RecordedSchoolingStatus;
      source: string;
      confirmedOn: string;
      note: string | null;
    },
  ): Promise<Record<string, unknown>> {
    const [row] = await tx.query(
      `INSERT INTO schooling_status (resident_id, school_year, municipality_code, status, source, confirmed_on, note,
                                     recorded_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (resident_id, school_year) DO UPDATE SET status = EXCLUDED.status, source = EXCLUDED.source,
              confirmed_on = EXCLUDED.confirmed_on, note = EXCLUDED.note, recorded_by_user_id = EXCLUDED.recorded_by_user_id,
              version = schooling_status.version + 1, updated_at = now()
       RETURNING ${STATUS_COLUMNS}`,
      [
        input.residentId,
        input.schoolYear,
        input.municipalityCode,
        input.status,
        input.source,
        input.confirmedOn,
        input.note,
        ctx.principal?.userId ?? null,
      ],
    );
    return row;
  }

  private async enrollments(manager: EntityManager, residentId: string): Promise<SchoolEnrollmentResponse[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM school_enrollment e JOIN school s ON s.id = e.school_id
        WHERE e.resident_id = $1 ORDER BY e.from_date DESC`,
      [residentId],
    );
    return rows.map(enrollmentOf);
  }

  private async enrollment(
    manager: EntityManager,
    residentId: string,
    id: string,
    lock = false,
  ): Promise<SchoolEnrollmentResponse> {
    const [row] = await manager.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM school_enrollment e JOIN school s ON s.id = e.school_id
        WHERE e.id = $1 AND e.resident_id = $2 ${lock ? 'FOR UPDATE OF e' : ''}`,
      [id, residentId],
    );
    if (!row) throw ProblemException.notFound('Enrolment');
    return enrollmentOf(row);
  }

  private checkPeriod(fromDate: string, toDate: string | null): void {
    if (toDate !== null && toDate < fromDate) {
      throw ProblemException.validation([{ field: 'toDate', reason: 'must be on or after fromDate' }]);
    }
  }

  /** Two enrolments of one child that overlap: a 409 that says so, not a 500. */
  private async overlapSafe<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'school_enrollment_no_overlap') {
        throw ProblemException.conflict(
          'The child is already enrolled in a school for part of that period; end that enrolment first.',
          'enrollment-overlap',
        );
      }
      throw error;
    }
  }

  /** The child's municipality when the caller's duty and office cover it; 404 otherwise. */
  private async access(ctx: RequestContext, residentId: string): Promise<string> {
    assertSchoolingDuty(ctx, 'Resident');
    return this.directory.visibleMunicipalityOf(ctx, residentId);
  }

  private async changed(residentId: string, municipalityCode: string): Promise<void> {
    await this.events.publish('schooling.changed', { residentId, municipalityCode });
  }
}
