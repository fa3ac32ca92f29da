import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, type RequestContext } from '@app/platform';
import {
  CoverageGapCountResponse,
  CoverageGapFilterDto,
  CoverageGapPageResponse,
  CoverageGapQueryDto,
  RenewalCheckPageResponse,
  RenewalCheckQueryDto,
} from './coverage-gaps.dto.js';
import { CoverageGapsService } from './coverage-gaps.service.js';

@ApiTags('insurance')
@Controller('coverage-gaps')
export class CoverageGapsController {
  constructor(private readonly gaps: CoverageGapsService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: 'Residents of the municipality the law requires in a scheme on a date with no such coverage on record',
    description:
      'Ordered by family name. Only definite gaps are listed: a resident whose obligation depends on facts ' +
      'Kyosei does not hold (e.g. employment, before [K5]) is not.',
  })
  @ApiOkResponse({ type: CoverageGapPageResponse })
  page(@Ctx() ctx: RequestContext, @Query() query: CoverageGapQueryDto): Promise<CoverageGapPageResponse> {
    return this.gaps.page(ctx, query);
  }

  @Get('count')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'How many residents the coverage-gap list holds with these filters' })
  @ApiOkResponse({ type: CoverageGapCountResponse })
  count(@Ctx() ctx: RequestContext, @Query() query: CoverageGapFilterDto): Promise<CoverageGapCountResponse> {
    return this.gaps.count(ctx, query);
  }
}

@ApiTags('insurance')
@Controller('renewal-checks')
export class RenewalChecksController {
  constructor(private readonly gaps: CoverageGapsService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: 'Residents whose period of stay ends within the window and who have no health insurance on record today',
    description: 'Ordered by expiry date: the check immigration makes at a renewal, done before the resident goes.',
  })
  @ApiOkResponse({ type: RenewalCheckPageResponse })
  list(@Ctx() ctx: RequestContext, @Query() query: RenewalCheckQueryDto): Promise<RenewalCheckPageResponse> {
    return this.gaps.renewalChecks(ctx, query);
  }
}
