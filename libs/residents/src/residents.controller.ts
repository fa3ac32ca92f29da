import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResidentPageResponse, ResidentResponse, StatusHistoryResponse } from './dto/resident-responses.dto.js';
import { Ctx, ProblemException, Roles, UuidParam, type Page, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { AddGuardianDto, CreateResidentDto, ResidentQueryDto, UpdateResidentDto } from './dto/resident.dto.js';
import type { ResidentView } from './resident-view.js';
import { ResidentsService } from './residents.service.js';
import type { StatusHistory } from './status-history.entity.js';

/** `If-Match: 3` or `If-Match: "3"` (the ETag of the version read). */
function versionFrom(ifMatch: string | undefined): number {
  if (ifMatch === undefined) {
    throw ProblemException.of(428, 'precondition-required', 'Send If-Match with the version you read (the ETag).');
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match)
    throw ProblemException.validation([{ field: 'If-Match', reason: 'must be the version you read, e.g. "3"' }]);
  return Number(match[1]);
}

@ApiTags('residents')
@Controller('residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Post()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Record a resident (registered, or NOT_REGISTERED such as an overstayer)' })
  @ApiCreatedResponse({ type: ResidentResponse })
  async create(
    @Ctx() ctx: RequestContext,
    @Body() body: CreateResidentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResidentView> {
    const resident = await this.residents.create(ctx, body);
    void reply.header('etag', `"${resident.version}"`);
    return resident;
  }

  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER')
  @ApiOperation({ summary: 'Search by any name form, key, birth date, card number or status expiry' })
  @ApiOkResponse({ type: ResidentPageResponse })
  search(@Ctx() ctx: RequestContext, @Query() query: ResidentQueryDto): Promise<Page<ResidentView>> {
    return this.residents.search(ctx, query);
  }

  /**
   * The same search, its fields in a JSON body: a name typed into a search box then never travels
   * in a URL (browser history, proxy access logs). The web UI searches this way.
   */
  @Post('search')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search as GET /residents does, with the fields in the body (names stay out of URLs)' })
  @ApiOkResponse({ type: ResidentPageResponse })
  searchInBody(@Ctx() ctx: RequestContext, @Body() body: ResidentQueryDto): Promise<Page<ResidentView>> {
    return this.residents.search(ctx, body);
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER')
  @ApiOperation({ summary: 'One resident, as much as your role may see; ETag is the version' })
  @ApiOkResponse({ type: ResidentResponse })
  async get(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResidentView> {
    const resident = await this.residents.get(ctx, id);
    void reply.header('etag', `"${resident.version}"`);
    return resident;
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read; 409 if someone saved first' })
  @ApiOperation({ summary: 'Change a resident (optimistic: If-Match)' })
  @ApiOkResponse({ type: ResidentResponse })
  async update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateResidentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResidentView> {
    const resident = await this.residents.update(ctx, id, versionFrom(ifMatch), body);
    void reply.header('etag', `"${resident.version}"`);
    return resident;
  }

  @Post(':id/guardians')
  @Roles('CITY_CASEWORKER')
  @HttpCode(204)
  @ApiOperation({ summary: "Record a child's guardian (parent or other)" })
  addGuardian(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: AddGuardianDto): Promise<void> {
    return this.residents.addGuardian(ctx, id, body.guardianId, body.relationship ?? 'PARENT');
  }

  @Get(':id/status-history')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'Every change of registry category and status of residence, newest first' })
  @ApiOkResponse({ type: StatusHistoryResponse })
  async statusHistory(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
  ): Promise<{ items: StatusHistory[]; nextCursor: null }> {
    return { items: await this.residents.statusHistory(ctx, id), nextCursor: null };
  }
}
