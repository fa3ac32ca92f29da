import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, UuidParam, type RequestContext } from '@app/platform';
import { PutResidentFactsDto, ResidentFactsResponse } from './resident-facts.dto.js';
import { ResidentFactsService } from './resident-facts.service.js';

@ApiTags('insurance')
@Controller('residents/:id/insurance-facts')
export class ResidentFactsController {
  constructor(private readonly facts: ResidentFactsService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Facts about the resident the insurance rules read and the register does not hold' })
  @ApiOkResponse({ type: ResidentFactsResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ResidentFactsResponse> {
    return this.facts.get(ctx, id);
  }

  @Put()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: 'Record them (public assistance, daytime student, social security certificate, employment…)',
    description:
      'Replaces the recorded facts: a fact left out is not known. The obligations and the gap list use them.',
  })
  @ApiOkResponse({ type: ResidentFactsResponse })
  @ApiConflictResponse({ description: 'Stale version' })
  put(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: PutResidentFactsDto,
  ): Promise<ResidentFactsResponse> {
    return this.facts.put(ctx, id, body);
  }
}
