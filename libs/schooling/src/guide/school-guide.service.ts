import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { NotificationsService } from '@app/notifications';
import {
  AppConfig,
  Clock,
  addDays,
  JOB_OPTIONS,
  JobName,
  officeDate,
  ProblemException,
  QueueName,
  schoolGuideJobId,
  schoolYearOf,
  type IsoDate,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { compulsoryBirthRange } from '../school-age.js';
import type { GuideDispatchResponse } from '../schooling.dto.js';

/** Guides written per transaction. */
const BATCH = 200;
/** How long after moving in a school-age child counts as a newcomer for the guide. */
const NEWCOMER_DAYS = 365;

const COLUMNS = `id, municipality_code, school_year, status, children, guardians, queued, without_guardian, error,
  created_at, finished_at`;

function dispatchOf(row: Record<string, unknown>): GuideDispatchResponse {
  return {
    id: row.id as string,
    municipalityCode: row.municipality_code as string,
    schoolYear: row.school_year as number,
    status: row.status as string,
    children: row.children as number,
    guardians: row.guardians as number,
    queued: row.queued as number,
    withoutGuardian: row.without_guardian as number,
    error: row.error as string | null,
    progress: null,
    createdAt: new Date(row.created_at as string).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at as string).toISOString() : null,
  };
}

/** The dedup key of a guide: one per guardian and school year, however often it is dispatched. */
export const schoolGuideDedupKey = (guardianId: string, schoolYear: number): string =>
  `school-guide-${guardianId}-${schoolYear}`;

/**
 * The enrolment guide (就学案内) for a school year: guardians of the children entering elementary
 * or lower secondary school that year, and of school-age children who moved in during the last year
 * and attend no school, each receive one guide in their language through the notification outbox,
 * naming all their children concerned. A dispatch is a queued job with progress; running it twice
 * (or two dispatches of one year) writes each guide once: the outbox's dedup key is per guardian and
 * year, and the record of who it went to for which child is kept in the same transaction.
 */
@Injectable()
export class SchoolGuideService {
  private readonly logger = new Logger(SchoolGuideService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.schooling) private readonly queue: Queue,
    private readonly directory: ResidentDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): IsoDate {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  async request(ctx: RequestContext, schoolYear: number): Promise<GuideDispatchResponse> {
    const codes = ctx.principal!.municipalityCodes;
    if (codes.length !== 1) throw ProblemException.forbidden('The guide is sent by the office of one municipality.');
    const thisYear = schoolYearOf(this.today());
    if (schoolYear < thisYear - 1 || schoolYear > thisYear + 1) {
      throw ProblemException.validation([
        { field: 'schoolYear', reason: `must be between ${thisYear - 1} and ${thisYear + 1}` },
      ]);
    }
    const row = await this.dataSource.transaction(async (tx) => {
      const [created] = await tx.query(
        `INSERT INTO school_guide_dispatch (municipality_code, school_year, requested_by_user_id)
         VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
        [codes[0], schoolYear, ctx.principal!.userId],
      );
      await this.audit.record(
        ctx,
        {
          action: 'school_guide.dispatch',
          entity: 'school_guide_dispatch',
          entityId: created.id,
          diff: { schoolYear },
        },
        tx,
      );
      return created;
    });
    await this.queue.add(
      JobName.schoolGuideDispatch,
      { dispatchId: row.id },
      { ...JOB_OPTIONS[JobName.schoolGuideDispatch], jobId: schoolGuideJobId(row.id) },
    );
    return dispatchOf(row);
  }

  async get(ctx: RequestContext, id: string): Promise<GuideDispatchResponse> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM school_guide_dispatch WHERE id = $1 AND municipality_code = ANY ($2::char(6)[])`,
      [id, ctx.principal!.municipalityCodes],
    );
    if (!row) throw ProblemException.notFound('Dispatch');
    const dispatch = dispatchOf(row);
    if (dispatch.status === 'RUNNING' || dispatch.status === 'QUEUED') {
      const job = await this.queue.getJob(schoolGuideJobId(id));
      dispatch.progress = typeof job?.progress === 'number' ? job.progress : 0;
    } else if (dispatch.status === 'DONE') {
      dispatch.progress = 100;
    }
    return dispatch;
  }

  async list(ctx: RequestContext): Promise<GuideDispatchResponse[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM school_guide_dispatch WHERE municipality_code = ANY ($1::char(6)[])
        ORDER BY created_at DESC LIMIT 50`,
      [ctx.principal!.municipalityCodes],
    );
    return rows.map(dispatchOf);
  }

  /** The job: whom to write to, then the guides in batches, with progress. */
  async run(dispatchId: string, progress: (percent: number) => Promise<void>): Promise<GuideDispatchResponse> {
    const [[dispatch]]: [Array<{ municipality_code: string; school_year: number }>] = await this.dataSource.query(
      `UPDATE school_guide_dispatch SET status = 'RUNNING', started_at = coalesce(started_at, now()), error = NULL
        WHERE id = $1 RETURNING municipality_code, school_year`,
      [dispatchId],
    );
    if (!dispatch) throw new Error(`no dispatch ${dispatchId}`);
    const schoolYear = dispatch.school_year;
    const today = this.today();
    try {
      const children = await this.childrenConcerned(dispatch.municipality_code, schoolYear, today);
      const guardiansOf = await this.directory.guardiansOf(
        children.map((child) => child.id),
        today,
      );
      const byGuardian = new Map<string, typeof children>();
      for (const child of children) {
        for (const guardianId of guardiansOf.get(child.id) ?? []) {
          byGuardian.set(guardianId, [...(byGuardian.get(guardianId) ?? []), child]);
        }
      }
      const entryDate = today < `${schoolYear}-04-01` ? `${schoolYear}-04-01` : today;
      const guardians = [...byGuardian.keys()].sort();
      let queued = 0;
      for (let i = 0; i < guardians.length; i += BATCH) {
        queued += await this.writeGuides(
          guardians.slice(i, i + BATCH).map((guardianId) => ({ guardianId, children: byGuardian.get(guardianId)! })),
          { schoolYear, entryDate, today, dispatchId, municipalityCode: dispatch.municipality_code },
        );
        await progress(Math.floor((100 * Math.min(i + BATCH, guardians.length)) / guardians.length));
      }
      const [[done]] = await this.dataSource.query(
        `UPDATE school_guide_dispatch SET status = 'DONE', finished_at = now(), children = $2, guardians = $3,
                queued = $4, without_guardian = $5
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [dispatchId, children.length, guardians.length, queued, children.filter((c) => !guardiansOf.has(c.id)).length],
      );
      this.logger.log(
        { dispatchId, schoolYear, children: children.length, guardians: guardians.length, queued },
        'school guide dispatched',
      );
      return dispatchOf(done);
    } catch (error) {
      await this.dataSource.query(`UPDATE school_guide_dispatch SET status = 'FAILED', error = $2 WHERE id = $1`, [
        dispatchId,
        String((error as Error).message).slice(0, 500),
      ]);
      throw error;
    }
  }

  /**
   * Children living here today who enter elementary or lower secondary school in the school year,
   * and school-age newcomers (moved in within a year) who attend no school today.
   */
  private async childrenConcerned(
    municipalityCode: string,
    schoolYear: number,
    today: IsoDate,
  ): Promise<Array<{ id: string; given_name: string | null; family_name: string }>> {
    const reference = today < `${schoolYear}-04-01` ? `${schoolYear}-04-01` : today;
    const { bornAfter, bornOnOrBefore } = compulsoryBirthRange(reference);
    return this.dataSource.query(
      `SELECT r.id, r.given_name, r.family_name FROM resident_register r
        WHERE r.municipality_code = $1 AND (r.moved_out_on IS NULL OR r.moved_out_on > $2::date)
          AND (
            -- entering elementary (born 2 April Y-7 … 1 April Y-6) or lower secondary (Y-13 … Y-12)
            (r.birth_date BETWEEN make_date($3 - 7, 4, 2) AND make_date($3 - 6, 4, 1))
            OR (r.birth_date BETWEEN make_date($3 - 13, 4, 2) AND make_date($3 - 12, 4, 1))
            OR (r.birth_date > $4::date AND r.birth_date <= $5::date
                AND r.moved_in_on BETWEEN $6::date AND $2::date
                AND NOT EXISTS (SELECT 1 FROM school_enrollment e WHERE e.resident_id = r.id
                                  AND e.from_date <= $2::date AND (e.to_date IS NULL OR e.to_date >= $2::date))))
        ORDER BY r.id`,
      [municipalityCode, today, schoolYear, bornAfter, bornOnOrBefore, addDays(today, -NEWCOMER_DAYS)],
    );
  }

  /** One transaction: the guides not sent yet, and who each went to for which child. */
  private async writeGuides(
    batch: Array<{
      guardianId: string;
      children: Array<{ id: string; given_name: string | null; family_name: string }>;
    }>,
    context: { schoolYear: number; entryDate: string; today: string; dispatchId: string; municipalityCode: string },
  ): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const guides = await this.notifications.enqueueOnce(
        tx,
        batch.map(({ guardianId, children }) => ({
          residentId: guardianId,
          purpose: 'SCHOOL_GUIDE' as const,
          data: {
            childName: children.map((child) => child.given_name ?? child.family_name).join(', '),
            entryDate: context.entryDate,
          },
          dedupKey: schoolGuideDedupKey(guardianId, context.schoolYear),
        })),
      );
      const recipients = batch.flatMap(({ guardianId, children }) => {
        const guide = guides.get(schoolGuideDedupKey(guardianId, context.schoolYear));
        return children.map((child): [string, string, string | null] => [child.id, guardianId, guide?.id ?? null]);
      });
      await tx.query(
        `INSERT INTO school_guide_recipient (school_year, child_id, guardian_id, municipality_code, dispatch_id,
                                             notification_id, sent_on)
         SELECT $1, c, g, $2, $3, n, $4::date FROM unnest($5::uuid[], $6::uuid[], $7::uuid[]) AS x (c, g, n)
         ON CONFLICT (school_year, child_id, guardian_id) DO NOTHING`,
        [
          context.schoolYear,
          context.municipalityCode,
          context.dispatchId,
          context.today,
          recipients.map((r) => r[0]),
          recipients.map((r) => r[1]),
          recipients.map((r) => r[2]),
        ],
      );
      return [...guides.values()].filter((guide) => guide.created).length;
    });
  }
}
