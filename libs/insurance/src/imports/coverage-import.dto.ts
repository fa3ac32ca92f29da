import { IsMunicipalityCode } from '@app/identity';
import { PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MatchRunResponse } from '@app/matching';
import { SCHEMES, type Scheme } from '../obligations/index.js';
import { COVERAGE_SOURCES } from '../coverage/coverage-period.dto.js';

/** Rolls come from the city's NHI desk, the PESO, or an employer. */
export const ROLL_SOURCES = ['CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT'] as const satisfies ReadonlyArray<
  (typeof COVERAGE_SOURCES)[number]
>;
export type RollSource = (typeof ROLL_SOURCES)[number];

export const LINE_OUTCOMES = ['PENDING', 'APPLIED', 'CONFLICT', 'INVALID'] as const;

export class StartCoverageImportQueryDto {
  @ApiProperty({ enum: SCHEMES, description: 'The scheme every line of the roll is coverage of' })
  @IsIn(SCHEMES)
  scheme: Scheme;

  @ApiProperty({ enum: ROLL_SOURCES })
  @IsIn(ROLL_SOURCES)
  source: RollSource;

  @ApiPropertyOptional({ description: "Defaults to your office's first municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export class CoverageImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ enum: SCHEMES }) scheme: string;
  @ApiProperty({ enum: ROLL_SOURCES }) source: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ type: MatchRunResponse, description: 'The match run linking the lines to residents' })
  matchRun: MatchRunResponse;
  @ApiProperty() totalLines: number;
  @ApiProperty({ description: 'Lines that became coverage periods' }) appliedLines: number;
  @ApiProperty({ description: 'Matched lines overlapping coverage already on record' }) conflictLines: number;
  @ApiProperty({ description: 'Lines whose coverage columns are wrong' }) invalidLines: number;
  @ApiProperty({ description: 'Lines not linked to a resident yet: still matching, in review, or unmatched' })
  pendingLines: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastAppliedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CoverageImportLineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LINE_OUTCOMES })
  @IsOptional()
  @IsIn(LINE_OUTCOMES)
  outcome?: (typeof LINE_OUTCOMES)[number];
}

export class CoverageImportLineResponse {
  @ApiProperty() seq: number;
  @ApiProperty() line: number;
  @ApiProperty() sourceRef: string;
  @ApiProperty({ enum: LINE_OUTCOMES }) outcome: string;
  @ApiPropertyOptional({ type: String, nullable: true }) role: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) startDate: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) endDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) errorField: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) errorReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) residentId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) coveragePeriodId: string | null;
}

export class CoverageImportLinePage {
  @ApiProperty({ type: [CoverageImportLineResponse] }) items: CoverageImportLineResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
