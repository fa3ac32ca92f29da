import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type RequestContext } from '@app/platform';
import { DataSource } from 'typeorm';
import type { ReminderScheduleResponse, UpdateReminderScheduleDto } from '../http/notifications.dto.js';
import { scheduleOf } from '../notifications.service.js';
import { NOTIFICATION_PURPOSES } from '../purposes.js';

const COLUMNS = 'purpose, anchor, direction, offsets_days, follow_up_purpose, enabled, version';

/**
 * Reminder schedules are data: which days before or after an anchor date a purpose's reminders go
 * out (status expiry 90/60/30 days before; orientation invitation and one follow-up 30 days
 * later), and whether they go out at all. One set for the installation.
 */
@Injectable()
export class ReminderSchedulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ReminderScheduleResponse[]> {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM reminder_schedule ORDER BY purpose`);
    return rows.map(scheduleOf);
  }

  async update(
    ctx: RequestContext,
    purpose: string,
    input: UpdateReminderScheduleDto,
  ): Promise<ReminderScheduleResponse> {
    if (ctx.principal!.orgKind !== 'CITY') {
      throw ProblemException.forbidden("Reminder schedules are set by a city office's administrator.");
    }
    if (!(NOTIFICATION_PURPOSES as readonly string[]).includes(purpose))
      throw ProblemException.notFound('Reminder schedule');
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT ${COLUMNS} FROM reminder_schedule WHERE purpose = $1 FOR UPDATE`, [
        purpose,
      ]);
      if (!before) throw ProblemException.notFound('Reminder schedule');
      if (before.version !== input.version) {
        throw ProblemException.conflict(
          `The schedule was changed by someone else (your version ${input.version} is stale). Reload and try again.`,
          'version-conflict',
        );
      }
      const offsets = input.offsetsDays ? [...new Set(input.offsetsDays)] : null;
      const [[after]] = await tx.query(
        `UPDATE reminder_schedule SET offsets_days = coalesce($2, offsets_days), enabled = coalesce($3, enabled),
                version = version + 1, updated_at = now()
          WHERE purpose = $1 RETURNING ${COLUMNS}`,
        [purpose, offsets, input.enabled ?? null],
      );
      await this.audit.record(
        ctx,
        {
          action: 'reminder_schedule.update',
          entity: 'reminder_schedule',
          entityId: purpose,
          diff: {
            purpose,
            offsetsDays: [before.offsets_days, after.offsets_days],
            enabled: [before.enabled, after.enabled],
          },
        },
        tx,
      );
      return scheduleOf(after);
    });
  }
}
