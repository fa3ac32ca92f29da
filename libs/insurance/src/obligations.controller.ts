import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, IsCalendarDate, Roles, UuidParam, type RequestContext } from '@app/platform';
import { IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { EvaluateObligationsDto, ObligationResultResponse } from './evaluate-obligations.dto.js';
import { ObligationsService } from './obligations.service.js';

@ApiTags('insurance')
@Controller('obligations')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Post('evaluate')
  @HttpCode(200)
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({
    summary: 'What-if: which social insurance schemes the law requires for these facts on a date (nothing is stored)',
  })
  @ApiOkResponse({ type: [ObligationResultResponse] })
  evaluate(@Body() facts: EvaluateObligationsDto): ObligationResultResponse[] {
    return this.obligations.evaluate(facts);
  }
}

export class ObligationsOnQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today (Asia/Tokyo)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

@ApiTags('insurance')
@Controller('residents/:id/obligations')
export class ResidentObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "The resident's obligations on a date, with coverage on record and gaps" })
  @ApiOkResponse({ type: [ObligationResultResponse] })
  forResident(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Query() query: ObligationsOnQueryDto,
  ): Promise<ObligationResultResponse[]> {
    return this.obligations.forResident(ctx, id, query.on);
  }
}
