import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Clock, csvLine, officeDate, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import { ORIENTATION_TOPICS } from '../orientation-topics.js';
import { OrientationSessionsService } from '../sessions/sessions.service.js';
import type {
  AttendanceResponse,
  RecordAttendanceDto,
  ResidentOrientationResponse,
  ResidentOrientationSessionResponse,
} from './attendance.dto.js';

/** The roster: each attendance with the resident's names from the register's published view. */
const ROSTER_SELECT = `
  SELECT a.session_id, a.resident_id, r.family_name, r.given_name, r.middle_name, r.kana_name, a.status, a.language,
         a.recorded_at
    FROM orientation_attendance a JOIN resident_register r ON r.id = a.resident_id`;

interface RosterRow {
  session_id: string;
  resident_id: string;
  family_name: string;
  given_name: string | null;
  middle_name: string | null;
  kana_name: string | null;
  status: string;
  language: string | null;
  recorded_at: Date;
}

function attendanceOf(row: RosterRow): AttendanceResponse {
  return {
    sessionId: row.session_id,
    residentId: row.resident_id,
    familyName: row.family_name,
    givenName: row.given_name,
    middleName: row.middle_name,
    kanaName: row.kana_name,
    status: row.status,
    language: row.language,
    recordedAt: row.recorded_at.toISOString(),
  };
}

const ROSTER_COLUMNS = [
  'resident_id',
  'family_name',
  'given_name',
  'middle_name',
  'kana_name',
  'status',
  'language',
  'recorded_at',
] as const;

/** Statuses that hold a seat of a session with a capacity. */
const SEATED = new Set(['REGISTERED', 'ATTENDED']);

/**
 * Who registered for and attended an orientation session, and a resident's orientation record.
 * Every read and write of a resident's attendance is audited.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sessions: OrientationSessionsService,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  /** Registers a resident for a session, or records that they attended or did not come. */
  async record(ctx: RequestContext, sessionId: string, input: RecordAttendanceDto): Promise<AttendanceResponse> {
    return this.dataSource.transaction(async (tx) => {
      // Locked: two registrations for the last seat are decided one after the other.
      const session = await this.sessions.visible(ctx, sessionId, tx, true);
      const municipality = await this.directory.visibleMunicipalityOf(ctx, input.residentId);
      // A resident of another municipality is not on this session's register: as absent as one unseen.
      if (municipality !== session.municipality_code) throw ProblemException.notFound('Resident');
      const today = officeDate(this.clock.now());
      if (input.status !== 'REGISTERED' && session.held_on > today) {
        throw ProblemException.validation([
          { field: 'status', reason: `${input.status} can be recorded from the session's date (${session.held_on})` },
        ]);
      }
      const [before]: Array<{ status: string; language: string | null }> = await tx.query(
        `SELECT status, language FROM orientation_attendance WHERE session_id = $1 AND resident_id = $2`,
        [sessionId, input.residentId],
      );
      if (session.capacity !== null && SEATED.has(input.status) && !(before && SEATED.has(before.status))) {
        if (session.registered + session.attended >= session.capacity) {
          throw ProblemException.conflict(
            `The session is full (${session.capacity} seats); raise its capacity or choose another session.`,
            'session-full',
          );
        }
      }
      const language = input.language === undefined ? (before?.language ?? null) : input.language;
      await tx.query(
        `INSERT INTO orientation_attendance (session_id, resident_id, status, language, recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, resident_id) DO UPDATE
           SET status = EXCLUDED.status, language = EXCLUDED.language,
               recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = now(), updated_at = now()`,
        [sessionId, input.residentId, input.status, language, ctx.principal!.userId],
      );
      await this.audit.record(
        ctx,
        {
          action: 'orientation-attendance.record',
          entity: 'orientation_session',
          entityId: sessionId,
          residentId: input.residentId,
          diff: {
            status: [before?.status ?? null, input.status],
            ...(language !== (before?.language ?? null) ? { language: [before?.language ?? null, language] } : {}),
          },
        },
        tx,
      );
      const [row] = await this.rosterRows(tx, sessionId, input.residentId);
      return attendanceOf(row);
    });
  }

  /** The session's roster in name order. */
  async roster(ctx: RequestContext, sessionId: string): Promise<AttendanceResponse[]> {
    await this.sessions.visible(ctx, sessionId);
    const rows = await this.rosterRows(this.dataSource.manager, sessionId);
    await this.audit.record(ctx, {
      action: 'orientation-attendance.read',
      entity: 'orientation_session',
      entityId: sessionId,
      diff: { returned: rows.map((row) => row.resident_id) },
    });
    return rows.map(attendanceOf);
  }

  /** The roster as CSV lines; access is checked and the read audited before the first line. */
  async rosterCsv(ctx: RequestContext, sessionId: string): Promise<AsyncGenerator<string>> {
    await this.sessions.visible(ctx, sessionId);
    const rows = await this.rosterRows(this.dataSource.manager, sessionId);
    await this.audit.record(ctx, {
      action: 'orientation-attendance.export',
      entity: 'orientation_session',
      entityId: sessionId,
      diff: { returned: rows.map((row) => row.resident_id) },
    });
    return (async function* () {
      yield csvLine(ROSTER_COLUMNS);
      for (const row of rows) {
        yield csvLine(
          ROSTER_COLUMNS.map((column) => (column === 'recorded_at' ? row.recorded_at.toISOString() : row[column])),
        );
      }
    })();
  }

  /** The sessions a resident registered for or attended, newest first, with what they covered. */
  async ofResident(ctx: RequestContext, residentId: string): Promise<ResidentOrientationResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows: Array<{
      session_id: string;
      held_on: string;
      starts_at: string | null;
      venue: string | null;
      online: boolean;
      topics: string[];
      languages: string[];
      interpreter: boolean;
      status: string;
      language: string | null;
      recorded_at: Date;
    }> = await this.dataSource.query(
      `SELECT s.id AS session_id, s.held_on::text AS held_on, to_char(s.starts_at, 'HH24:MI') AS starts_at, s.venue,
              s.online, s.topics, s.languages, s.interpreter, a.status, a.language, a.recorded_at
         FROM orientation_attendance a JOIN orientation_session s ON s.id = a.session_id
        WHERE a.resident_id = $1
        ORDER BY s.held_on DESC, s.starts_at DESC NULLS LAST, s.id`,
      [residentId],
    );
    await this.audit.record(ctx, { action: 'orientation.read', entity: 'resident', entityId: residentId, residentId });
    const sessions: ResidentOrientationSessionResponse[] = rows.map((row) => ({
      sessionId: row.session_id,
      heldOn: row.held_on,
      startsAt: row.starts_at,
      venue: row.venue,
      online: row.online,
      topics: row.topics,
      languages: row.languages,
      interpreter: row.interpreter,
      status: row.status,
      language: row.language,
      recordedAt: row.recorded_at.toISOString(),
    }));
    const attended = sessions.filter((session) => session.status === 'ATTENDED');
    const covered = new Set(attended.flatMap((session) => session.topics));
    return {
      residentId,
      attended: attended.length > 0,
      lastAttendedOn: attended[0]?.heldOn ?? null,
      topicsCovered: ORIENTATION_TOPICS.filter((topic) => covered.has(topic)),
      sessions,
    };
  }

  private rosterRows(manager: EntityManager, sessionId: string, residentId?: string): Promise<RosterRow[]> {
    return manager.query(
      `${ROSTER_SELECT} WHERE a.session_id = $1 ${residentId ? 'AND a.resident_id = $2' : ''}
        ORDER BY r.family_name, r.given_name NULLS FIRST, r.id`,
      residentId ? [sessionId, residentId] : [sessionId],
    );
  }
}
