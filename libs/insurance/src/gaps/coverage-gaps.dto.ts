import { IsCalendarDate, PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SCHEMES, type Scheme } from '../obligations/index.js';
import { ReasonText } from '../evaluate-obligations.dto.js';

/** Who is listed: the filters both the page and the count take. */
export class CoverageGapFilterDto {
  @ApiProperty({ enum: SCHEMES, description: 'The scheme the residents lack' })
  @IsIn(SCHEMES)
  scheme: Scheme;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today (Asia/Tokyo)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'VN' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'nationality must be two capital letters (ISO 3166-1 alpha-2)' })
  nationality?: string;

  @ApiPropertyOptional({ example: 'TECHNICAL_INTERN_TRAINING' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'statusCode must be a status code such as ENGINEER_HUMANITIES' })
  statusCode?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 130, description: 'Age on the date, in whole years, at least' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  ageFrom?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 130, description: 'Age on the date, in whole years, at most' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  ageTo?: number;

  @ApiPropertyOptional({ description: 'Part of the address, e.g. a ward or town name (中区, 栄)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
}

export class CoverageGapQueryDto extends IntersectionType(CoverageGapFilterDto, PageQueryDto) {}

export class GapResidentResponse {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() familyName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) givenName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) kanaName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) kanjiName: string | null;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty({ description: 'Age on the date' }) age: number;
  @ApiProperty() nationality: string;
  @ApiProperty() registryCategory: string;
  @ApiPropertyOptional({ type: String, nullable: true }) statusCode: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) stayExpiryDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) address: string | null;
}

export class CoverageGapResponse extends GapResidentResponse {
  @ApiProperty({ enum: SCHEMES }) scheme: string;
  @ApiProperty() reasonCode: string;
  @ApiProperty({ type: ReasonText }) reasonText: ReasonText;
  @ApiProperty() ruleId: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "For the employees' schemes: the employment record whose facts decided the gap",
  })
  employmentRecordId: string | null;
}

export class CoverageGapPageResponse {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [CoverageGapResponse] }) items: CoverageGapResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class CoverageGapCountResponse {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ enum: SCHEMES }) scheme: string;
  @ApiProperty() count: number;
}

export class RenewalCheckQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  expiresWithinDays?: number;
}

export class RenewalCheckResponse extends GapResidentResponse {
  @ApiProperty({ description: 'Days from today to the end of the period of stay' }) daysLeft: number;
  @ApiProperty() reasonCode: string;
  @ApiProperty({ type: ReasonText }) reasonText: ReasonText;
}

export class RenewalCheckPageResponse {
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ type: [RenewalCheckResponse] }) items: RenewalCheckResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
