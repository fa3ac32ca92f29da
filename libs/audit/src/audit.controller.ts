import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, decodeCursor, ProblemException, Roles, toPage, type Page, type RequestContext } from '@app/platform';
import { AuditService, type AuditEventView } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: "Audit events of the administrator's organization, newest first" })
  async list(
    @Ctx() ctx: RequestContext,
    @Query() query: AuditQueryDto,
  ): Promise<Page<Omit<AuditEventView, 'position'>>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) {
      throw ProblemException.validation([{ field: 'to', reason: 'to must be later than from' }]);
    }
    const limit = query.limit ?? 50;
    const rows = await this.audit.find({
      orgId: ctx.principal!.orgId,
      entity: query.entity,
      entityId: query.entityId,
      userId: query.userId,
      action: query.action,
      from,
      to,
      limit: limit + 1,
      cursor: decodeCursor<{ at: string; id: string }>(query.cursor, ['at', 'id']),
    });
    const page = toPage(rows, limit, (row) => row.position);
    return { items: page.items.map(({ position: _position, ...event }) => event), nextCursor: page.nextCursor };
  }
}
