import { Controller, Get, HttpCode, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CsvUpload,
  Ctx,
  type Page,
  type RequestContext,
  requireCsv,
  Roles,
  type UploadedCsv,
  UuidParam,
} from '@app/platform';
import {
  CoverageImportLinePage,
  CoverageImportLineQueryDto,
  CoverageImportResponse,
  StartCoverageImportQueryDto,
  type CoverageImportLineResponse,
} from './coverage-import.dto.js';
import { CoverageImportsService } from './coverage-imports.service.js';

// PESO counselors load employment-insurance lists only; the service enforces the scheme.
const LOADERS = ['CITY_CASEWORKER', 'PESO_COUNSELOR'] as const;

@ApiTags('insurance')
@Controller('coverage-imports')
export class CoverageImportsController {
  constructor(private readonly imports: CoverageImportsService) {}

  @Post()
  @Roles(...LOADERS)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Load a coverage roll in katakana (NHI roll, employment-insurance list) through a match run',
    description:
      'Columns: those of a match run (source_ref, kana_name, birth_date, sex[, alphabet_name, nationality]) ' +
      'and start_date[, end_date, role]. Matched lines become coverage periods; lines in review become ' +
      'periods when a reviewer accepts them.',
  })
  @ApiAcceptedResponse({ type: CoverageImportResponse })
  @CsvUpload()
  start(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: StartCoverageImportQueryDto,
  ): Promise<CoverageImportResponse> {
    const upload = requireCsv(file);
    return this.imports.start(ctx, {
      municipalityCode: query.municipality ?? ctx.principal!.municipalityCodes[0],
      scheme: query.scheme,
      source: query.source,
      fileName: upload.originalname,
      filePath: upload.path,
    });
  }

  @Get()
  @Roles(...LOADERS)
  @ApiOperation({ summary: 'The latest coverage imports of your municipalities (50)' })
  @ApiOkResponse({ type: [CoverageImportResponse] })
  list(@Ctx() ctx: RequestContext): Promise<CoverageImportResponse[]> {
    return this.imports.list(ctx);
  }

  @Get(':id')
  @Roles(...LOADERS)
  @ApiOperation({ summary: 'A coverage import with its match run and how many lines became periods' })
  @ApiOkResponse({ type: CoverageImportResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CoverageImportResponse> {
    return this.imports.get(ctx, id);
  }

  @Get(':id/lines')
  @Roles(...LOADERS)
  @ApiOperation({ summary: "The roll's lines with what became of each (filter CONFLICT or INVALID to fix them)" })
  @ApiOkResponse({ type: CoverageImportLinePage })
  lines(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Query() query: CoverageImportLineQueryDto,
  ): Promise<Page<CoverageImportLineResponse>> {
    return this.imports.lines(ctx, id, query);
  }

  @Post(':id/apply')
  @Roles(...LOADERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply again: matched lines still pending become coverage periods (idempotent)' })
  @ApiOkResponse({ type: CoverageImportResponse })
  apply(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CoverageImportResponse> {
    return this.imports.applyAgain(ctx, id);
  }
}
