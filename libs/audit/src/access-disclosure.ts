import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  Ctx,
  decodeCursor,
  PageQueryDto,
  ProblemException,
  Roles,
  toPage,
  UuidParam,
  type Page,
  type RequestContext,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service.js';

export class AccessDisclosureEntry {
  @ApiProperty() at: string;
  @ApiProperty({ example: 'case.read' }) action: string;
  @ApiProperty() entity: string;
  @ApiPropertyOptional({ type: String, nullable: true }) entityId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why: the declared or derived purpose' })
  purpose: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actorName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorOrgId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actorOrgName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'A service token (job, CLI) instead of a person' })
  actorServiceTokenId: string | null;
}

export class AccessDisclosurePage {
  @ApiProperty({ type: [AccessDisclosureEntry] }) items: AccessDisclosureEntry[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

/**
 * Who read or wrote a resident's record, for the resident's disclosure request under APPI: every
 * audited event naming the resident, from every office, with who, when and for what purpose.
 * Answered by an ADMIN of a city that serves the resident; the answer itself is audited.
 */
@Injectable()
export class AccessDisclosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async of(ctx: RequestContext, residentId: string, query: PageQueryDto): Promise<Page<AccessDisclosureEntry>> {
    // The register's published view: the audit trail does not depend on the residents library.
    const [resident] = await this.dataSource.query(`SELECT municipality_code FROM resident_register WHERE id = $1`, [
      residentId,
    ]);
    if (!resident || !ctx.principal!.municipalityCodes.includes(resident.municipality_code)) {
      throw ProblemException.notFound('Resident');
    }
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ at: string; id: string }>(query.cursor, ['at', 'id']);
    const params: unknown[] = [residentId, limit + 1];
    const after = cursor
      ? `AND (e.at, e.id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.id)}::uuid)`
      : '';
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id, e.at, e.action, e.entity, e.entity_id, e.purpose, e.actor_user_id, u.display_name AS actor_name,
              e.actor_org_id, o.name AS actor_org_name, e.actor_service_token_id
         FROM audit_event e
         LEFT JOIN app_user u ON u.id = e.actor_user_id
         LEFT JOIN organization o ON o.id = e.actor_org_id
        WHERE e.resident_id = $1 ${after}
        ORDER BY e.at DESC, e.id DESC LIMIT $2`,
      params,
    );
    await this.audit.record(ctx, {
      action: 'resident.access_disclosure',
      entity: 'resident',
      entityId: residentId,
      residentId,
      purpose: ctx.purpose ?? 'APPI_DISCLOSURE',
    });
    const page = toPage(rows, limit, (row) => ({
      at: new Date(row.at as string).toISOString(),
      id: row.id as string,
    }));
    return {
      items: page.items.map((row) => ({
        at: new Date(row.at as string).toISOString(),
        action: row.action as string,
        entity: row.entity as string,
        entityId: row.entity_id as string | null,
        purpose: row.purpose as string | null,
        actorUserId: row.actor_user_id as string | null,
        actorName: row.actor_name as string | null,
        actorOrgId: row.actor_org_id as string | null,
        actorOrgName: row.actor_org_name as string | null,
        actorServiceTokenId: row.actor_service_token_id as string | null,
      })),
      nextCursor: page.nextCursor,
    };
  }
}

@ApiTags('audit')
@Controller('residents/:id/access-disclosure')
export class AccessDisclosureController {
  constructor(private readonly disclosure: AccessDisclosureService) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({
    summary: "Every read and write of the resident's record, by whom, when and for what purpose (APPI disclosure)",
  })
  @ApiOkResponse({ type: AccessDisclosurePage })
  of(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AccessDisclosureEntry>> {
    return this.disclosure.of(ctx, id, query);
  }
}
