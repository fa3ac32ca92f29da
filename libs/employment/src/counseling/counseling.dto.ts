import { IsCalendarDate, LANGUAGE_CODE } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export const COUNSELING_TOPICS = [
  'JOB_SEARCH',
  'WORKING_CONDITIONS',
  'STATUS_OF_RESIDENCE',
  'JAPANESE_LANGUAGE',
  'TRAINING',
  'SOCIAL_INSURANCE',
  'STUDENT_JOB_HUNTING',
  'CREDENTIALS',
  'LIVING',
  'OTHER',
] as const;

export class CreateCounselingSessionDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ enum: COUNSELING_TOPICS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COUNSELING_TOPICS.length)
  @IsIn(COUNSELING_TOPICS, { each: true })
  topics: (typeof COUNSELING_TOPICS)[number][];

  @ApiPropertyOptional({ type: [String], example: ['vi', 'ja-easy'], description: 'ISO 639-1, or ja-easy' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE_CODE, { each: true, message: 'languages must be ISO 639-1 codes such as vi, or ja-easy' })
  languages?: string[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  interpreter?: boolean;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcome?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the next step is due' })
  @IsOptional()
  @IsCalendarDate()
  nextStepOn?: string;
}

export class CounselingSessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) counselorUserId: string | null;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty({ enum: COUNSELING_TOPICS, isArray: true }) topics: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() interpreter: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) outcome: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) nextStepOn: string | null;
  @ApiProperty() version: number;
}

export const REFERRAL_KINDS = ['JOB', 'TRAINING'] as const;
export const JOB_STATUSES = ['REFERRED', 'INTERVIEW', 'HIRED', 'NOT_HIRED'] as const;
export const TRAINING_STATUSES = ['REFERRED', 'ENROLLED', 'COMPLETED', 'NOT_ENROLLED'] as const;

export class CreateReferralDto {
  @ApiProperty({ enum: REFERRAL_KINDS })
  @IsIn(REFERRAL_KINDS)
  kind: (typeof REFERRAL_KINDS)[number];

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  referredOn: string;

  @ApiPropertyOptional({ description: 'A job: the vacancy number (求人番号)' })
  // Checked whenever sent (stored for a job), required for a job without an employer.
  @ValidateIf((body: CreateReferralDto) => (body.kind === 'JOB' && !body.employerName) || body.vacancyRef !== undefined)
  @IsString()
  @MaxLength(40)
  vacancyRef?: string;

  @ApiPropertyOptional({ description: 'A job: the employer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  employerName?: string;

  @ApiPropertyOptional({ description: 'A training: the course' })
  @ValidateIf((body: CreateReferralDto) => body.kind === 'TRAINING' || body.courseName !== undefined)
  @IsString()
  @MaxLength(200)
  courseName?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Languages the course or workplace supports (ISO 639-1, ja-easy)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE_CODE, { each: true, message: 'languageSupport must be ISO 639-1 codes such as pt, or ja-easy' })
  languageSupport?: string[];

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class UpdateReferralDto {
  @ApiProperty({ description: 'The version you read; a stale one gives 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: [...new Set([...JOB_STATUSES, ...TRAINING_STATUSES])] })
  @IsIn([...JOB_STATUSES, ...TRAINING_STATUSES])
  status: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class ReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ enum: REFERRAL_KINDS }) kind: string;
  @ApiProperty({ format: 'date' }) referredOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) vacancyRef: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) employerName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) courseName: string | null;
  @ApiProperty({ type: [String] }) languageSupport: string[];
  @ApiProperty() status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
}
