import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import type { RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import type {
  NotificationOptOutsDto,
  NotificationOptOutsResponse,
  ResidentContactResponse,
} from '../http/notifications.dto.js';

/**
 * How a resident is reached: an e-mail address (the register has none) and the channels they
 * refused. Changes are audited without the address itself (the audit log is never erased).
 */
@Injectable()
export class ResidentContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  async contact(ctx: RequestContext, residentId: string): Promise<ResidentContactResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const [row] = await this.dataSource.query(`SELECT email, updated_at FROM resident_contact WHERE resident_id = $1`, [
      residentId,
    ]);
    await this.audit.record(ctx, {
      action: 'resident_contact.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
    });
    return { email: row?.email ?? null, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
  }

  async setContact(ctx: RequestContext, residentId: string, email: string | null): Promise<ResidentContactResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT email FROM resident_contact WHERE resident_id = $1 FOR UPDATE`, [
        residentId,
      ]);
      const [row] = await tx.query(
        `INSERT INTO resident_contact (resident_id, email) VALUES ($1, $2)
         ON CONFLICT (resident_id) DO UPDATE SET email = excluded.email, updated_at = now()
         RETURNING email, updated_at`,
        [residentId, email?.trim() || null],
      );
      await this.audit.record(
        ctx,
        {
          action: 'resident_contact.update',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { emailSet: [Boolean(before?.email), Boolean(row.email)], changed: before?.email !== row.email },
        },
        tx,
      );
      return { email: row.email, updatedAt: new Date(row.updated_at).toISOString() };
    });
  }

  async optOuts(ctx: RequestContext, residentId: string): Promise<NotificationOptOutsResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const optOuts = await this.readOptOuts(this.dataSource.manager, residentId);
    await this.audit.record(ctx, {
      action: 'notification_opt_out.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
    });
    return optOuts;
  }

  /** Sets both channels as given: true refuses the channel. */
  async setOptOuts(
    ctx: RequestContext,
    residentId: string,
    input: NotificationOptOutsDto,
  ): Promise<NotificationOptOutsResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.readOptOuts(tx, residentId, true);
      const refused = [...(input.email ? ['EMAIL'] : []), ...(input.letter ? ['LETTER'] : [])];
      await tx.query(`DELETE FROM notification_opt_out WHERE resident_id = $1 AND NOT (channel = ANY ($2::text[]))`, [
        residentId,
        refused,
      ]);
      await tx.query(
        `INSERT INTO notification_opt_out (resident_id, channel) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [residentId, refused],
      );
      await this.audit.record(
        ctx,
        {
          action: 'notification_opt_out.update',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { email: [before.email, input.email], letter: [before.letter, input.letter] },
        },
        tx,
      );
      return { email: input.email, letter: input.letter };
    });
  }

  private async readOptOuts(
    manager: DataSource['manager'],
    residentId: string,
    lock = false,
  ): Promise<NotificationOptOutsResponse> {
    if (lock) await manager.query(`SELECT pg_advisory_xact_lock(hashtext('opt-out-' || $1))`, [residentId]);
    const rows: Array<{ channel: string }> = await manager.query(
      `SELECT channel FROM notification_opt_out WHERE resident_id = $1`,
      [residentId],
    );
    const channels = new Set(rows.map((row) => row.channel));
    return { email: channels.has('EMAIL'), letter: channels.has('LETTER') };
  }
}
