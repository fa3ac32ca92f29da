import { IsCalendarDate } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { SCHEMES, type Scheme } from '../obligations/index.js';

export const COVERAGE_ROLES = ['INSURED', 'DEPENDANT', 'NP_CATEGORY_1', 'NP_CATEGORY_2', 'NP_CATEGORY_3'] as const;
export const COVERAGE_SOURCES = ['CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT', 'MANUAL', 'MATCH_RUN'] as const;

export class CreateCoveragePeriodDto {
  @ApiProperty({ enum: SCHEMES })
  @IsIn(SCHEMES)
  scheme: Scheme;

  @ApiProperty({ enum: COVERAGE_ROLES })
  @IsIn(COVERAGE_ROLES)
  role: (typeof COVERAGE_ROLES)[number];

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last covered day; absent while the coverage lasts' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ enum: COVERAGE_SOURCES, default: 'MANUAL' })
  @IsOptional()
  @IsIn(COVERAGE_SOURCES)
  source?: (typeof COVERAGE_SOURCES)[number];

  @ApiPropertyOptional({ description: 'Where the evidence is: card number, roll line, document reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  evidenceRef?: string;
}

/** What may change of a period once recorded: its end (to close or reopen it), role and evidence. */
export class UpdateCoveragePeriodDto {
  @ApiProperty({ description: 'The version you read; a stale one gives 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last covered day; null reopens the period',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsCalendarDate()
  endDate?: string | null;

  @ApiPropertyOptional({ enum: COVERAGE_ROLES })
  @IsOptional()
  @IsIn(COVERAGE_ROLES)
  role?: (typeof COVERAGE_ROLES)[number];

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(200)
  evidenceRef?: string | null;
}

export class CoveragePeriodResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ enum: SCHEMES }) scheme: string;
  @ApiProperty({ enum: COVERAGE_ROLES }) role: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) endDate: string | null;
  @ApiProperty({ enum: COVERAGE_SOURCES }) source: string;
  @ApiPropertyOptional({ type: String, nullable: true }) evidenceRef: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
