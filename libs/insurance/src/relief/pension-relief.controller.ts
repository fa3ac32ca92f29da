import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, UuidParam, type RequestContext } from '@app/platform';
import { CreatePensionReliefDto, PensionReliefResponse } from './pension-relief.dto.js';
import { PensionReliefService } from './pension-relief.service.js';

/** The city's National Pension desk's records: PESO counselors are not given a resident's arrears or relief. */
@ApiTags('insurance')
@Controller('residents/:id/pension-reliefs')
export class PensionReliefController {
  constructor(private readonly reliefs: PensionReliefService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "The resident's National Pension exemptions and deferrals, latest year first" })
  @ApiOkResponse({ type: [PensionReliefResponse] })
  list(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<PensionReliefResponse[]> {
    return this.reliefs.list(ctx, id);
  }

  @Post()
  @HttpCode(201)
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Record a National Pension exemption or deferral for one relief year' })
  @ApiCreatedResponse({ type: PensionReliefResponse })
  @ApiConflictResponse({ description: 'The resident has a record of that kind for that year (named as existing)' })
  create(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreatePensionReliefDto,
  ): Promise<PensionReliefResponse> {
    return this.reliefs.create(ctx, id, body);
  }
}
