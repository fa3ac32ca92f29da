import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UploadedFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CsvUpload,
  Ctx,
  type RequestContext,
  requireCsv,
  Roles,
  sendCsv,
  type UploadedCsv,
  UuidParam,
} from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  MatchReviewItem,
  MatchReviewPage,
  MatchRunResponse,
  ReviewQueryDto,
  ReviewVerdictDto,
  StartMatchRunQueryDto,
} from './match-run.dto.js';
import { MatchReviewsService } from './match-reviews.service.js';
import { MatchRunsService } from './match-runs.service.js';

const MATCHERS = ['CITY_CASEWORKER', 'PESO_COUNSELOR'] as const;

@ApiTags('matching')
@Controller('match-runs')
export class MatchRunsController {
  constructor(
    private readonly runs: MatchRunsService,
    private readonly reviews: MatchReviewsService,
  ) {}

  @Post()
  @Roles(...MATCHERS)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload external records (source_ref, kana_name, birth_date, sex[, alphabet_name, nationality]) to match',
  })
  @ApiAcceptedResponse({ type: MatchRunResponse })
  @CsvUpload()
  start(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: StartMatchRunQueryDto,
  ): Promise<MatchRunResponse> {
    const upload = requireCsv(file);
    return this.runs.start(ctx, {
      municipalityCode: query.municipality ?? ctx.principal!.municipalityCodes[0],
      source: query.source,
      fileName: upload.originalname,
      filePath: upload.path,
    });
  }

  @Get(':id')
  @Roles(...MATCHERS)
  @ApiOperation({ summary: 'Status, progress and counts of a match run' })
  @ApiOkResponse({ type: MatchRunResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<MatchRunResponse> {
    return this.runs.get(id, ctx.principal!);
  }

  @Get(':id/result')
  @Roles(...MATCHERS)
  @ApiOperation({ summary: 'The result as CSV: source_ref, resident_key, decision, score — one line per input row' })
  async result(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    sendCsv(reply, await this.runs.resultCsv(id, ctx.principal!), `match-${id}.csv`);
  }

  @Get(':id/errors')
  @Roles(...MATCHERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="match-errors.csv"')
  @ApiOperation({ summary: 'Rows that could not be matched (no name, impossible date) with the reason, as CSV' })
  errors(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<string> {
    return this.runs.errorsCsv(id, ctx.principal!);
  }

  @Get(':id/reviews')
  @Roles(...MATCHERS)
  @ApiOperation({ summary: 'Records waiting for a person, with their candidates and the evidence' })
  @ApiOkResponse({ type: MatchReviewPage })
  list(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Query() query: ReviewQueryDto): Promise<MatchReviewPage> {
    return this.reviews.list(ctx, id, query);
  }

  @Post(':id/reviews/:seq/accept')
  @Roles(...MATCHERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'The record is this candidate (remembered for later runs)' })
  @ApiOkResponse({ type: MatchReviewItem })
  accept(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() body: ReviewVerdictDto,
  ): Promise<MatchReviewItem> {
    return this.reviews.accept(ctx, id, seq, body.residentId);
  }

  @Post(':id/reviews/:seq/reject')
  @Roles(...MATCHERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'The record is not this candidate (remembered for later runs)' })
  @ApiOkResponse({ type: MatchReviewItem })
  reject(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() body: ReviewVerdictDto,
  ): Promise<MatchReviewItem> {
    return this.reviews.reject(ctx, id, seq, body.residentId);
  }
}
