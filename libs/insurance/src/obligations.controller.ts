import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/platform';
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
