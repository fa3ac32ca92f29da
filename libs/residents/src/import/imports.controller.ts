import { Controller, Get, Header, HttpCode, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ResidentExportService } from './resident-export.service.js';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ImportRunResponse } from '../dto/resident-responses.dto.js';
import { Ctx, ProblemException, Roles, sendCsv, uploadDir, UuidParam, type RequestContext } from '@app/platform';
import { diskStorage, FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { IsOptional } from 'class-validator';
import { IsMunicipalityCode } from '@app/identity';
import { ImportsService, type ImportRunView } from './imports.service.js';

export class StartImportQueryDto {
  @ApiPropertyOptional({ description: "Defaults to the caseworker's municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

interface UploadedCsv {
  path: string;
  originalname: string;
  size: number;
}

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ResidentExportService) {}

  @Get('residents')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "The municipality's residents as CSV, in the import's format" })
  async residents(
    @Ctx() ctx: RequestContext,
    @Query() query: StartImportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const municipality = query.municipality ?? ctx.principal!.municipalityCodes[0];
    sendCsv(reply, await this.exports.start(ctx, municipality), `residents-${municipality}.csv`);
  }
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('residents')
  @Roles('CITY_CASEWORKER')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({ summary: 'Upload a register extract (CSV, UTF-8 or Shift_JIS); the import runs as a job' })
  @ApiAcceptedResponse({ type: ImportRunResponse })
  @UseInterceptors(
    FileInterceptor('file', {
      storage: diskStorage({ destination: uploadDir() }),
      limits: { fileSize: 2 * 1024 ** 3, files: 1 },
    }),
  )
  start(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: StartImportQueryDto,
  ): Promise<ImportRunView> {
    if (!file)
      throw ProblemException.validation([{ field: 'file', reason: 'attach the CSV as the form field "file"' }]);
    return this.imports.start(ctx, {
      municipalityCode: query.municipality ?? ctx.principal!.municipalityCodes[0],
      fileName: file.originalname,
      filePath: file.path,
    });
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Status, counts and progress of an import' })
  @ApiOkResponse({ type: ImportRunResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ImportRunView> {
    return this.imports.get(id, ctx.principal!.municipalityCodes);
  }

  @Get(':id/errors')
  @Roles('CITY_CASEWORKER')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="import-errors.csv"')
  @ApiOperation({ summary: 'The rejected lines with their reasons, as CSV' })
  errors(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<string> {
    return this.imports.errorsCsv(id, ctx.principal!.municipalityCodes);
  }
}
