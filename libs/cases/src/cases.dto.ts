import { IsCalendarDate, LANGUAGE_CODE, PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const CASE_CATEGORIES = [
  'HOUSING',
  'DEBT',
  'HEALTH_INSURANCE_ENROLMENT',
  'PENSION',
  'SCHOOL_ENROLMENT',
  'JOB_SEARCH',
  'WORKING_CONDITIONS',
  'STATUS_OF_RESIDENCE',
  'LANGUAGE',
  'CHILDCARE',
  'HEALTH',
  'DOMESTIC_VIOLENCE',
  'OTHER',
] as const;
export const CASE_STATUSES = ['OPEN', 'WAITING', 'REFERRED', 'CLOSED'] as const;
export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const SENSITIVITIES = ['NORMAL', 'SENSITIVE'] as const;
export const REFERRAL_STATUSES = ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED'] as const;
/** What a resident may consent to share for (the purposes of a referral). */
export const CONSENT_PURPOSES = [
  'EMPLOYMENT_SUPPORT',
  'SCHOOL_ENROLMENT_SUPPORT',
  'INSURANCE_ENROLMENT',
  'LIVING_SUPPORT',
  'LANGUAGE_SUPPORT',
] as const;

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() residentId: string;
  @ApiProperty({ enum: CASE_CATEGORIES }) @IsIn(CASE_CATEGORIES) category: (typeof CASE_CATEGORIES)[number];
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: (typeof PRIORITIES)[number];
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() nextActionOn?: string;
}

export class UpdateCaseDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ enum: ['OPEN', 'WAITING', 'CLOSED'], description: 'REFERRED follows the referrals' })
  @IsOptional()
  @IsIn(['OPEN', 'WAITING', 'CLOSED'])
  status?: 'OPEN' | 'WAITING' | 'CLOSED';
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: (typeof PRIORITIES)[number];
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  nextActionOn?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'A worker of the owning office' })
  @IsOptional()
  @IsUUID()
  workerUserId?: string;
  @ApiPropertyOptional({ maxLength: 1000, description: 'Required when closing' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  closureReason?: string;
}

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only cases assigned to you' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  mine?: boolean;
  @ApiPropertyOptional({ description: 'Only open cases whose next action date has passed' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: CASE_CATEGORIES }) @IsOptional() @IsIn(CASE_CATEGORIES) category?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() residentId?: string;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ format: 'uuid' }) ownerOrgId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) workerUserId: string | null;
  @ApiProperty({ enum: CASE_CATEGORIES }) category: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ enum: PRIORITIES }) priority: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) nextActionOn: string | null;
  @ApiProperty({ description: 'The next action date has passed and the case is not closed' }) overdue: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) closureReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) closedOn: string | null;
  @ApiProperty({ enum: ['OWNER', 'RECIPIENT'], description: 'OWNER: your office; RECIPIENT: referred to you' })
  access: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class CasePage {
  @ApiProperty({ type: [CaseResponse] }) items: CaseResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class CreateNoteDto {
  @ApiProperty({ maxLength: 20000 }) @IsString() @MinLength(1) @MaxLength(20000) body: string;
  @ApiPropertyOptional({
    enum: SENSITIVITIES,
    description: 'SENSITIVE (health, criminal record, refugee claim…): only your office ever reads it; never exported',
  })
  @IsOptional()
  @IsIn(SENSITIVITIES)
  sensitivity?: (typeof SENSITIVITIES)[number];
}

export class NoteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) authorUserId: string | null;
  @ApiProperty({ format: 'uuid' }) authorOrgId: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: SENSITIVITIES }) sensitivity: string;
  @ApiProperty() createdAt: string;
}

export class CreateCaseReferralDto {
  @ApiProperty({ format: 'uuid', description: 'The office asked to help' }) @IsUUID() toOrgId: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) @IsIn(CONSENT_PURPOSES) purpose: (typeof CONSENT_PURPOSES)[number];
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) message?: string;
}

export class UpdateCaseReferralDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: ['ACCEPTED', 'DECLINED', 'COMPLETED'] })
  @IsIn(['ACCEPTED', 'DECLINED', 'COMPLETED'])
  status: 'ACCEPTED' | 'DECLINED' | 'COMPLETED';
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) responseNote?: string;
}

export class CaseReferralQueryDto {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], description: 'Default: incoming' })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: string;
}

export class CaseReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) fromOrgId: string;
  @ApiProperty({ format: 'uuid' }) toOrgId: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: string;
  @ApiProperty({ format: 'uuid' }) consentId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) responseNote: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) respondedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class CreateConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES }) @IsIn(CONSENT_PURPOSES) purpose: (typeof CONSENT_PURPOSES)[number];
  @ApiProperty({ format: 'uuid', description: 'The office the resident agrees to share with' })
  @IsUUID()
  recipientOrgId: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() grantedOn: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() expiresOn?: string;
  @ApiProperty({ maxLength: 200, description: 'Reference of the signed form in the document store' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  evidenceRef: string;
  @ApiProperty({ example: 'vi', description: 'Language the consent was explained in: ISO 639-1, or ja-easy' })
  @Matches(LANGUAGE_CODE, { message: 'explanationLanguage must be an ISO 639-1 code such as vi, or ja-easy' })
  explanationLanguage: string;
}

export class WithdrawConsentDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default today; not in the future' })
  @IsOptional()
  @IsCalendarDate()
  withdrawnOn?: string;
}

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: string;
  @ApiProperty({ format: 'uuid' }) recipientOrgId: string;
  @ApiProperty({ format: 'uuid' }) recordedByOrgId: string;
  @ApiProperty({ format: 'date' }) grantedOn: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) expiresOn: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) withdrawnOn: string | null;
  @ApiProperty() evidenceRef: string;
  @ApiProperty() explanationLanguage: string;
  @ApiProperty({ description: 'In force today: granted, not expired, not withdrawn' }) valid: boolean;
  @ApiProperty() version: number;
}

export class TimelineEntryResponse {
  @ApiProperty() at: string;
  @ApiProperty({ enum: ['EVENT', 'NOTE', 'REFERRAL', 'ALERT'] }) kind: string;
  @ApiProperty({
    description: 'created, changed, note, referral.sent, referral.accepted, alert.case_action_overdue, alert.resolved…',
  })
  what: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorOrgId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) detail: Record<string, unknown> | null;
}
