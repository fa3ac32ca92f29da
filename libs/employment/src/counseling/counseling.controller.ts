import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, UuidParam, type RequestContext } from '@app/platform';
import {
  CounselingSessionResponse,
  CreateCounselingSessionDto,
  CreateReferralDto,
  ReferralResponse,
  UpdateReferralDto,
} from './counseling.dto.js';
import { CounselingService } from './counseling.service.js';

@ApiTags('employment')
@Controller('residents/:id')
export class ResidentCounselingController {
  constructor(private readonly counseling: CounselingService) {}

  @Get('counseling-sessions')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: "Your office's counseling sessions with the resident, newest first" })
  @ApiOkResponse({ type: [CounselingSessionResponse] })
  sessions(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CounselingSessionResponse[]> {
    return this.counseling.sessions(ctx, id);
  }

  @Post('counseling-sessions')
  @Roles('PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a counseling session (topics, languages, interpreter, outcome, next step)' })
  @ApiCreatedResponse({ type: CounselingSessionResponse })
  recordSession(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateCounselingSessionDto,
  ): Promise<CounselingSessionResponse> {
    return this.counseling.recordSession(ctx, id, body);
  }

  @Get('referrals-to-work')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: "Your office's referrals of the resident to jobs and training courses" })
  @ApiOkResponse({ type: [ReferralResponse] })
  referrals(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ReferralResponse[]> {
    return this.counseling.referrals(ctx, id);
  }

  @Post('referrals-to-work')
  @Roles('PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: 'Refer the resident to a job (vacancy) or a training course with language support' })
  @ApiCreatedResponse({ type: ReferralResponse })
  refer(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateReferralDto,
  ): Promise<ReferralResponse> {
    return this.counseling.refer(ctx, id, body);
  }
}

@ApiTags('employment')
@Controller('referrals-to-work')
export class ReferralsToWorkController {
  constructor(private readonly counseling: CounselingService) {}

  @Patch(':id')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: 'Follow a referral: interview, hired or not; enrolled, completed or not' })
  @ApiOkResponse({ type: ReferralResponse })
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: UpdateReferralDto,
  ): Promise<ReferralResponse> {
    return this.counseling.updateReferral(ctx, id, body);
  }
}
