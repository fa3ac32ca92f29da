import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@app/platform';
import { DataSource } from 'typeorm';
import { invitationLanguage, newcomerConditions, NEWCOMER_COLUMNS, type NewcomerRow } from './newcomer-query.js';

/** An upcoming session a newcomer can be invited to. */
export interface InvitableSession {
  id: string;
  heldOn: string;
  startsAt: string | null;
  venue: string | null;
  online: boolean;
  languages: string[];
  interpreter: boolean;
}

export interface NewcomerInvitation {
  residentId: string;
  movedInOn: string;
  invitationLanguage: string;
  /** The session to invite them to; null when none is planned (nobody can be invited yet). */
  session: InvitableSession | null;
}

/**
 * For the nightly reminders (system use, unaudited: no names leave this method): the newcomers of a
 * municipality still to invite, as the invitation list decides them, each with the session to
 * invite them to — the first upcoming one with room that is held in their language, else the first
 * with an interpreter, else the first with room.
 */
@Injectable()
export class OrientationInvitations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async due(municipalityCode: string, today: string): Promise<NewcomerInvitation[]> {
    const params: unknown[] = [];
    const conditions = newcomerConditions(
      [municipalityCode],
      today,
      this.config.get('ORIENTATION_NEWCOMER_DAYS'),
      params,
    );
    const newcomers: NewcomerRow[] = await this.dataSource.query(
      `SELECT ${NEWCOMER_COLUMNS} FROM resident_register r WHERE ${conditions.join(' AND ')} ORDER BY r.moved_in_on, r.id`,
      params,
    );
    if (newcomers.length === 0) return [];
    const sessions = await this.upcoming(municipalityCode, today);
    return newcomers.map((row) => {
      const language = invitationLanguage(row.preferred_language, row.communication_level);
      const session =
        sessions.find((candidate) => candidate.languages.includes(language)) ??
        sessions.find((candidate) => candidate.interpreter) ??
        sessions[0] ??
        null;
      return { residentId: row.id, movedInOn: row.moved_in_on, invitationLanguage: language, session };
    });
  }

  /** Sessions after today that still have room, soonest first. */
  private async upcoming(municipalityCode: string, today: string): Promise<InvitableSession[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT s.id, s.held_on::text AS held_on, to_char(s.starts_at, 'HH24:MI') AS starts_at, s.venue, s.online,
              s.languages, s.interpreter
         FROM orientation_session s
        WHERE s.municipality_code = $1 AND s.held_on > $2::date
          AND (s.capacity IS NULL OR s.capacity > (SELECT count(*) FROM orientation_attendance a
                                                    WHERE a.session_id = s.id AND a.status = 'REGISTERED'))
        ORDER BY s.held_on, s.starts_at NULLS LAST, s.id`,
      [municipalityCode, today],
    );
    return rows.map((row) => ({
      id: row.id as string,
      heldOn: row.held_on as string,
      startsAt: row.starts_at as string | null,
      venue: row.venue as string | null,
      online: row.online as boolean,
      languages: row.languages as string[],
      interpreter: row.interpreter as boolean,
    }));
  }
}
