import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, ProblemException, Roles, sendCsv, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  AdminRunsQueryDto,
  PublishedReportResponse,
  ReportDefinitionResponse,
  ReportRunPage,
  ReportRunsQueryDto,
  ReportSeriesQueryDto,
  ReportSeriesResponse,
  RerunAcceptedResponse,
  RerunReportDto,
} from './reports.dto.js';
import { ReportsService } from './reports.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

/** `:id`, `:id.csv` or `:id.xlsx`: the run id and the format asked for. */
function runParam(value: string): { id: string; format: 'json' | 'csv' | 'xlsx' } {
  const match = /^(.+?)(?:\.(csv|xlsx))?$/.exec(value)!;
  if (!UUID.test(match[1])) throw ProblemException.validation([{ field: 'id', reason: 'id must be a UUID' }]);
  return { id: match[1], format: (match[2] as 'csv' | 'xlsx' | undefined) ?? 'json' };
}

function codeParam(value: string): string {
  if (!CODE.test(value)) throw ProblemException.notFound('Report');
  return value;
}

const READERS = ['REPORT_VIEWER', 'ADMIN'] as const;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The reports of your scope (municipality or PESO office), with the latest published date' })
  @ApiOkResponse({ type: [ReportDefinitionResponse] })
  list(@Ctx() ctx: RequestContext): Promise<ReportDefinitionResponse[]> {
    return this.reports.definitions(ctx);
  }

  @Get(':code/runs')
  @Roles(...READERS)
  @ApiOperation({ summary: "A report's runs for your scope, newest first" })
  @ApiOkResponse({ type: ReportRunPage })
  runs(
    @Ctx() ctx: RequestContext,
    @Param('code') code: string,
    @Query() query: ReportRunsQueryDto,
  ): Promise<ReportRunPage> {
    return this.reports.runs(ctx, codeParam(code), query);
  }

  @Get(':code/series')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One measure over the nights, for charts (published values only)' })
  @ApiOkResponse({ type: ReportSeriesResponse })
  series(
    @Ctx() ctx: RequestContext,
    @Param('code') code: string,
    @Query() query: ReportSeriesQueryDto,
  ): Promise<ReportSeriesResponse> {
    return this.reports.series(ctx, codeParam(code), query);
  }

  @Get(':code/runs/:id')
  @Roles(...READERS)
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'A published run: JSON, or `:id.csv` / `:id.xlsx` to download it',
    description:
      "Counts under k (REPORT_MIN_CELL, default 5) read '<5', and enough other cells are hidden that no hidden " +
      'count can be worked out from the totals. CSV cells starting with = + - @ are prefixed with an apostrophe.',
  })
  @ApiOkResponse({ type: PublishedReportResponse })
  async run(
    @Ctx() ctx: RequestContext,
    @Param('code') code: string,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { id: runId, format } = runParam(id);
    const report = await this.reports.published(ctx, codeParam(code), runId);
    const name = `${report.run.reportCode}-${report.run.scopeKey}-${report.run.asOf}`;
    if (format === 'csv') {
      sendCsv(reply, this.reports.csv(report), `${name}.csv`);
      return;
    }
    if (format === 'xlsx') {
      const language = ctx.principal?.kind === 'user' ? 'ja' : 'en';
      await reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await this.reports.xlsx(report, language));
      return;
    }
    // One route serves the three forms, so the reply is written here rather than returned.
    await reply.send(report);
  }

  @Post(':code/runs')
  @Roles('ADMIN')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute a report of your scope for a date (queued; replaces that run)' })
  @ApiAcceptedResponse({ type: RerunAcceptedResponse })
  rerun(
    @Ctx() ctx: RequestContext,
    @Param('code') code: string,
    @Body() body: RerunReportDto,
  ): Promise<RerunAcceptedResponse> {
    return this.reports.rerun(ctx, codeParam(code), body);
  }
}

@ApiTags('reports')
@Controller('report-runs')
export class ReportRunsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Every report run of your scope with its status, duration and error, newest first' })
  @ApiOkResponse({ type: ReportRunPage })
  list(@Ctx() ctx: RequestContext, @Query() query: AdminRunsQueryDto): Promise<ReportRunPage> {
    return this.reports.adminRuns(ctx, query);
  }
}
