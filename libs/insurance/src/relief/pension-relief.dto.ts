import { IsCalendarDate } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Min, MaxLength } from 'class-validator';

/** National Pension relief granted on application, one year at a time (domain reference §3.3). */
export const PENSION_RELIEF_KINDS = [
  'STUDENT_DEFERRAL',
  'DEFERRAL',
  'EXEMPTION_FULL',
  'EXEMPTION_3_4',
  'EXEMPTION_HALF',
  'EXEMPTION_1_4',
  'LEGAL_EXEMPTION',
] as const;
export type PensionReliefKind = (typeof PENSION_RELIEF_KINDS)[number];

export const PENSION_RELIEF_STATUSES = ['APPLIED', 'APPROVED', 'REJECTED'] as const;
export type PensionReliefStatus = (typeof PENSION_RELIEF_STATUSES)[number];

/** The first year of National Pension contributions; no relief year can be earlier. */
export const FIRST_RELIEF_YEAR = 1961;

const FISCAL_YEAR_DESCRIPTION =
  'The relief year as the office states it, by the year it starts: exemptions and payment deferral run ' +
  'July–June, student deferral April–March. At most the next fiscal year.';

export class CreatePensionReliefDto {
  @ApiProperty({ minimum: FIRST_RELIEF_YEAR, example: 2025, description: FISCAL_YEAR_DESCRIPTION })
  @IsInt()
  @Min(FIRST_RELIEF_YEAR)
  fiscalYear: number;

  @ApiProperty({ enum: PENSION_RELIEF_KINDS })
  @IsIn(PENSION_RELIEF_KINDS)
  kind: PensionReliefKind;

  @ApiPropertyOptional({ format: 'date', description: 'The date of the decision (approval or rejection)' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;

  @ApiPropertyOptional({ enum: PENSION_RELIEF_STATUSES, default: 'APPROVED' })
  @IsOptional()
  @IsIn(PENSION_RELIEF_STATUSES)
  status?: PensionReliefStatus;

  @ApiPropertyOptional({ description: 'Where the evidence is: notice number, application reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  evidenceRef?: string;
}

export class PensionReliefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ description: FISCAL_YEAR_DESCRIPTION }) fiscalYear: number;
  @ApiProperty({ enum: PENSION_RELIEF_KINDS }) kind: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) decidedOn: string | null;
  @ApiProperty({ enum: PENSION_RELIEF_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) evidenceRef: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
