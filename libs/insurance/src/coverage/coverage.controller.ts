import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, UuidParam, type RequestContext } from '@app/platform';
import { CoveragePeriodResponse, CreateCoveragePeriodDto, UpdateCoveragePeriodDto } from './coverage-period.dto.js';
import { CoverageService } from './coverage.service.js';

@ApiTags('insurance')
@Controller('residents/:id/coverage-periods')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "The resident's coverage periods, by scheme and start" })
  @ApiOkResponse({ type: [CoveragePeriodResponse] })
  list(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CoveragePeriodResponse[]> {
    return this.coverage.list(ctx, id);
  }

  @Post()
  @HttpCode(201)
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Record a coverage period; one overlapping another of the same scheme is refused' })
  @ApiCreatedResponse({ type: CoveragePeriodResponse })
  @ApiConflictResponse({ description: 'Overlaps a period of the same scheme (named as conflictingPeriod)' })
  create(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateCoveragePeriodDto,
  ): Promise<CoveragePeriodResponse> {
    return this.coverage.create(ctx, id, body);
  }

  @Patch(':periodId')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'End, reopen or correct a coverage period (optimistic concurrency on version)' })
  @ApiOkResponse({ type: CoveragePeriodResponse })
  @ApiConflictResponse({ description: 'Stale version, or the change would overlap another period (conflictingPeriod)' })
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @UuidParam('periodId') periodId: string,
    @Body() body: UpdateCoveragePeriodDto,
  ): Promise<CoveragePeriodResponse> {
    return this.coverage.update(ctx, id, periodId, body);
  }
}
