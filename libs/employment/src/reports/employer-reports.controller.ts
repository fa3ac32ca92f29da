import { Controller, Get, HttpCode, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CsvUpload,
  Ctx,
  type Page,
  type RequestContext,
  requireCsv,
  Roles,
  sendCsv,
  type UploadedCsv,
  UuidParam,
} from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  EmployerReportImportResponse,
  EmployerReportLineQueryDto,
  EmployerReportPage,
  StartEmployerReportQueryDto,
  type EmployerReportResponse,
} from './report.dto.js';
import { EmployerReportsService } from './employer-reports.service.js';

// Employers report to Hello Work: the PESO loads the reports.
@ApiTags('employment')
@Controller('employer-report-imports')
export class EmployerReportsController {
  constructor(private readonly reports: EmployerReportsService) {}

  @Post()
  @Roles('PESO_COUNSELOR')
  @HttpCode(202)
  @ApiOperation({
    summary: "Load employers' reports of hiring and separating foreign workers (外国人雇用状況の届出)",
    description:
      'Columns: those of a match run (source_ref, kana_name, birth_date, sex[, alphabet_name, nationality]) and ' +
      'report_type (HIRE|SEPARATION), event_date, ei_insured, employer_name[, received_on, status_code, ' +
      'corporate_number, establishment_name, establishment_number, is_corporation, employer_headcount, industry, ' +
      'weekly_hours, monthly_wage, occupation, dispatch]. Each report gets its legal deadline and days late.',
  })
  @ApiAcceptedResponse({ type: EmployerReportImportResponse })
  @CsvUpload()
  start(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: StartEmployerReportQueryDto,
  ): Promise<EmployerReportImportResponse> {
    const upload = requireCsv(file);
    return this.reports.start(ctx, {
      municipalityCode: query.municipality ?? ctx.principal!.municipalityCodes[0],
      fileName: upload.originalname,
      filePath: upload.path,
      receivedOn: query.receivedOn,
    });
  }

  @Get()
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: "The latest report imports of your office's municipalities (50)" })
  @ApiOkResponse({ type: [EmployerReportImportResponse] })
  list(@Ctx() ctx: RequestContext): Promise<EmployerReportImportResponse[]> {
    return this.reports.list(ctx);
  }

  @Get(':id')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: 'A report import with its match run and what became of its reports' })
  @ApiOkResponse({ type: EmployerReportImportResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<EmployerReportImportResponse> {
    return this.reports.get(ctx, id);
  }

  @Get(':id/reports')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: 'The reports of an import: filter late=true for the late ones, or by outcome' })
  @ApiOkResponse({ type: EmployerReportPage })
  reportsOf(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Query() query: EmployerReportLineQueryDto,
  ): Promise<Page<EmployerReportResponse>> {
    return this.reports.reports(ctx, id, query);
  }

  @Get(':id/late.csv')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({
    summary: 'The late reports as CSV (line, source_ref, report type, dates, deadline, days late, employer), no names',
  })
  async lateCsv(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    sendCsv(reply, await this.reports.lateCsv(ctx, id), `late-reports-${id}.csv`);
  }

  @Post(':id/apply')
  @Roles('PESO_COUNSELOR')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply again: matched reports still pending become employment records (idempotent)' })
  @ApiOkResponse({ type: EmployerReportImportResponse })
  apply(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<EmployerReportImportResponse> {
    return this.reports.applyAgain(ctx, id);
  }
}
