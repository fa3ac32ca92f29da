import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, sendCsv, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  NewcomerInvitationFilterDto,
  NewcomerInvitationPage,
  NewcomerInvitationQueryDto,
} from './newcomer-invitations.dto.js';
import { NewcomerInvitationsService } from './newcomer-invitations.service.js';

const WHO =
  'Residents of your municipality who moved in within withinDays days up to today (Asia/Tokyo), still live here ' +
  '(no move-out, or one after today) and have not attended an orientation session; registered or absent (NO_SHOW) ' +
  'residents stay listed. Every registry category is included. Until the notifications issue lands, this list is ' +
  'the invitation list: nothing is sent by Kyosei yet.';

@ApiTags('orientation')
@Controller('orientation')
export class NewcomerInvitationsController {
  constructor(private readonly invitations: NewcomerInvitationsService) {}

  @Get('newcomer-invitations')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary:
      'The newcomer invitation list (until notifications land, this is the invitation list): recent arrivals ' +
      'who have not attended orientation, with the language to invite them in',
    description: `${WHO} Ordered by move-in date, then id.`,
  })
  @ApiOkResponse({ type: NewcomerInvitationPage })
  page(@Ctx() ctx: RequestContext, @Query() query: NewcomerInvitationQueryDto): Promise<NewcomerInvitationPage> {
    return this.invitations.page(ctx, query);
  }

  @Get('newcomer-invitations.csv')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: 'The whole newcomer invitation list as CSV (the invitation list until notifications land)',
    description: `${WHO} Columns: resident_id, family_name, given_name, middle_name, kana_name, moved_in_on, days_since_moved_in, preferred_language, communication_level, invitation_language.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8', schema: { type: 'string' } })
  async csv(
    @Ctx() ctx: RequestContext,
    @Query() query: NewcomerInvitationFilterDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCsv(reply, await this.invitations.csv(ctx, query), 'newcomer-invitations.csv');
  }
}
