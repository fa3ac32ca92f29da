import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type Page, Roles, UuidParam, type RequestContext } from '@app/platform';
import {
  CreateOrientationSessionDto,
  OrientationSessionPage,
  OrientationSessionQueryDto,
  OrientationSessionResponse,
  UpdateOrientationSessionDto,
} from './sessions.dto.js';
import { OrientationSessionsService } from './sessions.service.js';

@ApiTags('orientation')
@Controller('orientation-sessions')
export class OrientationSessionsController {
  constructor(private readonly sessions: OrientationSessionsService) {}

  @Post()
  @Roles('CITY_CASEWORKER')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule an orientation session for newcomers (date, venue or online, languages, topics)' })
  @ApiCreatedResponse({ type: OrientationSessionResponse })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateOrientationSessionDto): Promise<OrientationSessionResponse> {
    return this.sessions.create(ctx, body);
  }

  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({
    summary: "Orientation sessions of your office's municipalities by date, with attendance counts",
    description: 'Ordered by date and start time. A PESO counselor sees them to point clients to the next one.',
  })
  @ApiOkResponse({ type: OrientationSessionPage })
  list(
    @Ctx() ctx: RequestContext,
    @Query() query: OrientationSessionQueryDto,
  ): Promise<Page<OrientationSessionResponse>> {
    return this.sessions.list(ctx, query);
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'An orientation session with its attendance counts' })
  @ApiOkResponse({ type: OrientationSessionResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<OrientationSessionResponse> {
    return this.sessions.get(ctx, id);
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Change a session (send the version you read; a stale one gives 409)' })
  @ApiOkResponse({ type: OrientationSessionResponse })
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: UpdateOrientationSessionDto,
  ): Promise<OrientationSessionResponse> {
    return this.sessions.update(ctx, id, body);
  }
}
