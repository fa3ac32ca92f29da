import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { csvLine, Ctx, Roles, sendCsv, UuidParam, type Page, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  CasePage,
  CaseQueryDto,
  CaseResponse,
  ConsentResponse,
  CreateCaseDto,
  CreateConsentDto,
  CreateNoteDto,
  CreateCaseReferralDto,
  NoteResponse,
  CaseReferralQueryDto,
  CaseReferralResponse,
  TimelineEntryResponse,
  UpdateCaseDto,
  UpdateCaseReferralDto,
  WithdrawConsentDto,
} from './cases.dto.js';
import { CasesService } from './cases.service.js';
import { ConsentsService } from './consents.service.js';
import { ReferralsService } from './referrals.service.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly referrals: ReferralsService,
  ) {}

  @Post()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: "Open a case for a resident's need; your office owns it and you work it" })
  @ApiCreatedResponse({ type: CaseResponse })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateCaseDto): Promise<CaseResponse> {
    return this.cases.create(ctx, body);
  }

  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({
    summary: "Your office's cases and those referred to it, soonest next action first (filters: mine, overdue…)",
  })
  @ApiOkResponse({ type: CasePage })
  list(@Ctx() ctx: RequestContext, @Query() query: CaseQueryDto): Promise<Page<CaseResponse>> {
    return this.cases.list(ctx, query);
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'A case (audited with its purpose: your casework, or the purpose it was referred for)' })
  @ApiOkResponse({ type: CaseResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CaseResponse> {
    return this.cases.get(ctx, id);
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'Change status, priority, next action or worker (version you read; 409 if stale)' })
  @ApiOkResponse({ type: CaseResponse })
  update(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: UpdateCaseDto): Promise<CaseResponse> {
    return this.cases.update(ctx, id, body);
  }

  @Post(':id/notes')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: 'Write a note; SENSITIVE notes are read by your office only' })
  @ApiCreatedResponse({ type: NoteResponse })
  addNote(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: CreateNoteDto): Promise<NoteResponse> {
    return this.cases.addNote(ctx, id, body);
  }

  @Get(':id/notes')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: "The notes you may read: normal ones, and your office's sensitive ones" })
  @ApiOkResponse({ type: [NoteResponse] })
  notes(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<NoteResponse[]> {
    return this.cases.notes(ctx, id);
  }

  @Get(':id/notes.csv')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The notes as CSV; sensitive notes are never exported' })
  async notesCsv(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const notes = await this.cases.notes(ctx, id, true);
    async function* lines(): AsyncGenerator<string> {
      yield csvLine(['created_at', 'author_org_id', 'author_user_id', 'body']);
      for (const note of notes) yield csvLine([note.createdAt, note.authorOrgId, note.authorUserId, note.body]);
    }
    sendCsv(reply, lines(), `case-${id}-notes.csv`);
  }

  @Get(':id/timeline')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'Notes, referrals and changes of the case in the order they happened' })
  @ApiOkResponse({ type: [TimelineEntryResponse] })
  timeline(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<TimelineEntryResponse[]> {
    return this.cases.timeline(ctx, id);
  }

  @Post(':id/referrals')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: "Refer the case to another office; needs the resident's consent in force (409 otherwise)" })
  @ApiCreatedResponse({ type: CaseReferralResponse })
  refer(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateCaseReferralDto,
  ): Promise<CaseReferralResponse> {
    return this.referrals.send(ctx, id, body);
  }
}

@ApiTags('cases')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'Referrals to your office (incoming, default) or from it (outgoing), newest first' })
  @ApiOkResponse({ type: [CaseReferralResponse] })
  list(@Ctx() ctx: RequestContext, @Query() query: CaseReferralQueryDto): Promise<CaseReferralResponse[]> {
    return this.referrals.list(ctx, query);
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'Accept or decline a referral to your office, or complete an accepted one' })
  @ApiOkResponse({ type: CaseReferralResponse })
  respond(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: UpdateCaseReferralDto,
  ): Promise<CaseReferralResponse> {
    return this.referrals.respond(ctx, id, body);
  }
}

@ApiTags('cases')
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post('residents/:id/consents')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: "Record the resident's consent to share with an office for a purpose (form, language)" })
  @ApiCreatedResponse({ type: ConsentResponse })
  record(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateConsentDto,
  ): Promise<ConsentResponse> {
    return this.consents.record(ctx, id, body);
  }

  @Get('residents/:id/consents')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: "The resident's consents, with whether each is in force today" })
  @ApiOkResponse({ type: [ConsentResponse] })
  ofResident(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ConsentResponse[]> {
    return this.consents.ofResident(ctx, id);
  }

  @Post('consents/:id/withdraw')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a consent; sharing under it stops at once' })
  @ApiOkResponse({ type: ConsentResponse })
  withdraw(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: WithdrawConsentDto,
  ): Promise<ConsentResponse> {
    return this.consents.withdraw(ctx, id, body);
  }
}
