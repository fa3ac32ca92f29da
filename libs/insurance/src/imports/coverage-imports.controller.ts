import { Controller, Get, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { diskStorage, FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { Ctx, ProblemException, Roles, uploadDir, UuidParam, type Page, type RequestContext } from '@app/platform';
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
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary: 'Load a coverage roll in katakana (NHI roll, employment-insurance list) through a match run',
    description:
      'Columns: those of a match run (source_ref, kana_name, birth_date, sex[, alphabet_name, nationality]) ' +
      'and start_date[, end_date, role]. Matched lines become coverage periods; lines in review become ' +
      'periods when a reviewer accepts them.',
  })
  @ApiAcceptedResponse({ type: CoverageImportResponse })
  @UseInterceptors(
    FileInterceptor('file', {
      storage: diskStorage({ destination: uploadDir() }),
      limits: { fileSize: 512 * 1024 ** 2, files: 1 },
    }),
  )
  start(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: { path: string; originalname: string } | undefined,
    @Query() query: StartCoverageImportQueryDto,
  ): Promise<CoverageImportResponse> {
    if (!file) {
      throw ProblemException.validation([{ field: 'file', reason: 'attach the CSV as the form field "file"' }]);
    }
    return this.imports.start(ctx, {
      municipalityCode: query.municipality ?? ctx.principal!.municipalityCodes[0],
      scheme: query.scheme,
      source: query.source,
      fileName: file.originalname,
      filePath: file.path,
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
