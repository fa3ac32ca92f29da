import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { EvaluateObligationsDto } from '../evaluate-obligations.dto.js';

/**
 * The facts a caseworker records for a resident: what the register and the coverage on record do
 * not say. The rest (birth date, category, status, address, employees' health insurance) always
 * comes from the record itself.
 */
export const RECORDABLE_FACTS = [
  'isEmployed',
  'weeklyContractHours',
  'monthlyScheduledWage',
  'expectedEmploymentMonths',
  'expectedEmploymentDays',
  'employerIsCorporation',
  'employerInsuredHeadcount',
  'employerIsCoveredEstablishment',
  'isDaytimeStudent',
  'onPublicAssistance',
  'ssaCertificateCountry',
  'designatedActivityNotice',
  'isDependantSpouseOfInsured',
  'hasOldAgePensionEntitlement',
] as const satisfies ReadonlyArray<keyof EvaluateObligationsDto>;

export type RecordableFact = (typeof RECORDABLE_FACTS)[number];

export class RecordedFacts extends PickType(EvaluateObligationsDto, RECORDABLE_FACTS) {}

/** Replaces the recorded facts: a fact left out is not known. */
export class PutResidentFactsDto extends RecordedFacts {
  @ApiProperty({ description: 'The version you read; 0 when none was recorded yet. A stale one gives 409' })
  @IsInt()
  @Min(0)
  version: number;
}

export class ResidentFactsResponse {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ type: RecordedFacts }) facts: RecordedFacts;
  @ApiProperty({ description: '0 when nothing is recorded' }) version: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}
