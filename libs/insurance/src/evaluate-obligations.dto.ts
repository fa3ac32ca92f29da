import { IsCalendarDate } from '@app/platform';
import { REGISTRY_CATEGORIES } from '@app/residents/validation/resident-rules.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SCHEMES } from './obligations/index.js';

/**
 * The facts of a what-if evaluation (names are part of the interface). Any may be absent: a rule
 * that needs a missing fact answers `unknown` and names it.
 */
export class EvaluateObligationsDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The date the law is applied on; defaults to today (Asia/Tokyo)',
  })
  @IsOptional()
  @IsCalendarDate()
  onDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({ enum: REGISTRY_CATEGORIES })
  @IsOptional()
  @IsIn(REGISTRY_CATEGORIES)
  registryCategory?: string;

  @ApiPropertyOptional({
    example: 'ENGINEER_HUMANITIES',
    description: 'GET /api/v1/statuses-of-residence lists the codes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^[A-Z0-9_]+$/, { message: 'statusCode must be a status code such as ENGINEER_HUMANITIES' })
  statusCode?: string;

  @ApiPropertyOptional({ description: 'Registered in the Basic Resident Register (an address in Japan)' })
  @IsOptional()
  @IsBoolean()
  hasResidentRecord?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 168 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(168)
  weeklyContractHours?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Yen, scheduled wage without overtime, bonuses or commuting allowance',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000_000)
  monthlyScheduledWage?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1200)
  expectedEmploymentMonths?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  employerIsCorporation?: boolean;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employerInsuredHeadcount?: number;

  @ApiPropertyOptional({ description: 'A daytime student (night, correspondence and on-leave students are not)' })
  @IsOptional()
  @IsBoolean()
  isDaytimeStudent?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  onPublicAssistance?: boolean;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country of a social security agreement certificate' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'ssaCertificateCountry must be an ISO 3166-1 alpha-2 code such as US' })
  ssaCertificateCountry?: string;

  @ApiPropertyOptional({ description: "Insured or a dependant in an employer's health insurance" })
  @IsOptional()
  @IsBoolean()
  coveredByEmployeeHealthInsurance?: boolean;

  // Further facts the engine uses where the interface's facts cannot decide (all optional).

  @ApiPropertyOptional({ description: 'false: no employment at all (settles EHI, EPI and EI)' })
  @IsOptional()
  @IsBoolean()
  isEmployed?: boolean;

  @ApiPropertyOptional({ description: "The employer is a covered establishment (適用事業所) of employees' insurance" })
  @IsOptional()
  @IsBoolean()
  employerIsCoveredEstablishment?: boolean;

  @ApiPropertyOptional({
    description:
      'Notice number (告示) of a Designated Activities status: 25/26 medical stay, 40/41 long-stay sightseeing',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  designatedActivityNotice?: number;

  @ApiPropertyOptional({ description: 'No resident record, but documents show a stay of more than 3 months' })
  @IsOptional()
  @IsBoolean()
  documentedStayOverThreeMonths?: boolean;

  @ApiPropertyOptional({ description: 'The dependent spouse of a National Pension category-2 member' })
  @IsOptional()
  @IsBoolean()
  isDependantSpouseOfInsured?: boolean;

  @ApiPropertyOptional({ description: 'Lives in Japan (defaults to the resident record)' })
  @IsOptional()
  @IsBoolean()
  residesInJapan?: boolean;

  @ApiPropertyOptional({
    description:
      "An exception to the dependants' residence requirement applies (study abroad, accompanying an assignment)",
  })
  @IsOptional()
  @IsBoolean()
  dependantResidenceExceptionApplies?: boolean;

  @ApiPropertyOptional({ description: 'Entitled to an old-age pension (NP category 2 at 65–69)' })
  @IsOptional()
  @IsBoolean()
  hasOldAgePensionEntitlement?: boolean;

  @ApiPropertyOptional({ minimum: 0, description: "Days the employment is expected to last (EI's 31-day test)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  expectedEmploymentDays?: number;
}

export class ReasonText {
  @ApiProperty() ja: string;
  @ApiProperty() en: string;
}

export class ObligationResultResponse {
  @ApiProperty({ enum: SCHEMES }) scheme: string;
  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['unknown'] }] }) required: boolean | 'unknown';
  @ApiPropertyOptional({ type: Boolean, nullable: true }) covered: boolean | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) gap: boolean | null;
  @ApiProperty() reasonCode: string;
  @ApiProperty({ type: ReasonText }) reasonText: ReasonText;
  @ApiProperty() ruleId: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ type: [String], description: 'Facts whose absence made the answer unknown' }) missingFacts: string[];
  @ApiPropertyOptional({
    format: 'uuid',
    description: "A resident's employees' schemes: the employment record whose facts decided them",
  })
  employmentRecordId?: string;
}
