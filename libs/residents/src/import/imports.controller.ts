import { Controller, Get, Header, HttpCode, Post, Query, Res, UploadedFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ResidentExportService } from './resident-export.service.js';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ImportRunResponse } from '../dto/resident-responses.dto.js';
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
import { IsOptional } from 'class-validator';
import { IsMunicipalityCode } from '@app/identity';
import { ImportsService, type ImportRunView } from './imports.service.js';

export class StartImportQueryDto {
  @ApiPropertyOptional({ description: "Defaults to the caseworker's municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
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
  @ApiOperation({ summary: 'Upload a register extract (CSV, UTF-8 or Shift_JIS); the import runs as a job' })
  @ApiAcceptedResponse({ type: ImportRunResponse })
  @CsvUpload(2 * 1024 ** 3)
  start(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: StartImportQueryDto,
  ): Promise<ImportRunView> {
    const upload = requireCsv(file);
    return this.imports.start(ctx, {
      municipalityCode: query.municipality ?? ctx.principal!.municipalityCodes[0],
      fileName: upload.originalname,
      filePath: upload.path,
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
