import { IsCalendarDate, PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ReportTitle {
  @ApiProperty() ja: string;
  @ApiProperty() en: string;
}

const STRING_MAP = { type: 'object' as const, additionalProperties: { type: 'string' } };
const CELL_MAP = {
  type: 'object' as const,
  additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true },
};

export class ReportDefinitionResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: ReportTitle }) title: ReportTitle;
  @ApiProperty({ type: [String] }) dimensions: string[];
  @ApiProperty({ type: [String], description: 'Additive counts (suppressed under k)' }) counts: string[];
  @ApiProperty({ type: [String], description: 'Rates and medians (hidden with any count they come from)' })
  derived: string[];
  @ApiProperty({ enum: ['MUNICIPALITY', 'PESO'] }) scopeKind: string;
  @ApiProperty({ description: 'The municipality code, or the PESO office id' }) scopeKey: string;
  @ApiProperty({ description: 'The office whose figures these are' }) scopeName: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The latest published run' })
  latestAsOf: string | null;
}

export class ReportRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class ReportRunResponse {
  @ApiProperty() id: string;
  @ApiProperty() reportCode: string;
  @ApiProperty({ enum: ['MUNICIPALITY', 'PESO'] }) scopeKind: string;
  @ApiProperty() scopeKey: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE', 'FAILED'] }) status: string;
  @ApiProperty({ enum: ['NIGHTLY', 'MANUAL'] }) trigger: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'k: published counts under it are hidden' }) minCell: number;
  @ApiProperty({ type: Number, nullable: true }) rowCount: number | null;
  @ApiProperty({ type: Number, nullable: true }) suppressedCells: number | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Administrators only' }) error: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}

export class ReportRunPage {
  @ApiProperty({ type: [ReportRunResponse] }) items: ReportRunResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PublishedRow {
  @ApiProperty({
    ...STRING_MAP,
    description: "Dimension values; a total row has 'TOTAL' in the dimensions it adds up over",
  })
  dims: Record<string, string>;
  @ApiProperty() isTotal: boolean;
  @ApiProperty({
    ...CELL_MAP,
    description:
      "Measure values; a count under k reads '<k' (e.g. '<5'); a count hidden so that totals cannot give a small one away reads 'x'; a hidden rate or median is null",
  })
  values: Record<string, number | string | null>;
}

export class PublishedReportResponse {
  @ApiProperty({ type: ReportRunResponse }) run: ReportRunResponse;
  @ApiProperty({ type: ReportTitle }) title: ReportTitle;
  @ApiProperty({ type: [String] }) dimensions: string[];
  @ApiProperty({ type: [String] }) measures: string[];
  @ApiProperty({ type: [PublishedRow] }) rows: PublishedRow[];
}

export class ReportSeriesQueryDto {
  @ApiProperty({ description: 'The measure to chart' })
  @IsString()
  @Matches(/^[a-zA-Z]{1,40}$/)
  measure: string;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to a year before `to`' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    description: 'Only rows whose dimension has this value, as dimension:value',
    example: 'scheme:HEALTH',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(/^[a-zA-Z]+:[^,]{1,80}$/)
  where?: string;
}

export class SeriesRow {
  @ApiProperty(STRING_MAP) dims: Record<string, string>;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true, description: 'As published' })
  value: number | string | null;
}

export class SeriesPoint {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ type: [SeriesRow], description: 'Published values (hidden ones as in the report)' })
  rows: SeriesRow[];
}

export class ReportSeriesResponse {
  @ApiProperty() reportCode: string;
  @ApiProperty() measure: string;
  @ApiProperty({ type: [SeriesPoint] }) points: SeriesPoint[];
}

export class RerunReportDto {
  @ApiProperty({ format: 'date', description: 'The date to compute the figures for (today or earlier)' })
  @IsCalendarDate()
  asOf: string;
}

export class RerunAcceptedResponse {
  @ApiProperty() jobId: string;
  @ApiProperty() reportCode: string;
  @ApiProperty({ format: 'date' }) asOf: string;
}

export class AdminRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['RUNNING', 'DONE', 'FAILED'] })
  @IsOptional()
  @IsIn(['RUNNING', 'DONE', 'FAILED'])
  status?: 'RUNNING' | 'DONE' | 'FAILED';
}
