import { IsCalendarDate, PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SCHOOL_STAGES, type SchoolStage } from './school-age.js';
import {
  ABSENCE_REASONS,
  GUIDE_RESPONSES,
  RECORDED_SCHOOLING_STATUSES,
  SCHOOL_KINDS,
  SCHOOLING_STATUSES,
  type AbsenceReason,
  type GuideResponse,
  type RecordedSchoolingStatus,
  type SchoolingStatus,
  type SchoolKind,
} from './schooling-codes.js';

/** Present means "set" (null clears it); absent means "leave as is". */
const Nullable = () => IsOptional();
/** May be left out on update, never cleared. */
const NotNull = () => ValidateIf((_: object, value: unknown) => value !== undefined);

// ---- school age -------------------------------------------------------------------------------

export class SchoolAgeQueryDto {
  @ApiProperty({ format: 'date', example: '2019-04-01' })
  @IsCalendarDate()
  birthDate: string;

  @ApiPropertyOptional({ format: 'date', description: 'Reference date; defaults to today (Asia/Tokyo)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class SchoolAgeResponse {
  @ApiProperty({ enum: SCHOOL_STAGES }) stage: SchoolStage;
  @ApiProperty({ type: Number, nullable: true, description: '1–6 in elementary, 1–3 in lower secondary' })
  grade: number | null;
  @ApiProperty({ format: 'date' }) elementaryEntryDate: string;
  @ApiProperty({ format: 'date' }) compulsoryEndDate: string;
}

// ---- schools ----------------------------------------------------------------------------------

export class CreateSchoolDto {
  @ApiProperty({ example: 'E012', description: "The board's school code, unique in the municipality" })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '浜松市立北小学校' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SCHOOL_KINDS })
  @IsIn(SCHOOL_KINDS)
  kind: SchoolKind;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(300)
  address?: string | null;
}

export class UpdateSchoolDto {
  @ApiProperty() @IsInt() version: number;

  @ApiPropertyOptional()
  @NotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: SCHOOL_KINDS })
  @NotNull()
  @IsIn(SCHOOL_KINDS)
  kind?: SchoolKind;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @Nullable()
  @IsCalendarDate()
  closedOn?: string | null;
}

export class SchoolResponse {
  @ApiProperty() id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SCHOOL_KINDS }) kind: SchoolKind;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn: string | null;
  @ApiProperty() version: number;
}

// ---- a child's schooling ----------------------------------------------------------------------

export class CreateSchoolEnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 9 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(9)
  grade?: number | null;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  fromDate: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @Nullable()
  @IsCalendarDate()
  toDate?: string | null;

  @ApiPropertyOptional({ default: false, description: '日本語指導が必要 (needs Japanese-language instruction)' })
  @IsOptional()
  @IsBoolean()
  japaneseInstructionNeeded?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdateSchoolEnrollmentDto {
  @ApiProperty() @IsInt() version: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 9 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(9)
  grade?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'The last day at the school' })
  @Nullable()
  @IsCalendarDate()
  toDate?: string | null;

  @ApiPropertyOptional()
  @NotNull()
  @IsBoolean()
  japaneseInstructionNeeded?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class SchoolEnrollmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() residentId: string;
  @ApiProperty() schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ enum: SCHOOL_KINDS }) schoolKind: SchoolKind;
  @ApiProperty({ type: Number, nullable: true }) grade: number | null;
  @ApiProperty({ format: 'date' }) fromDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) toDate: string | null;
  @ApiProperty() japaneseInstructionNeeded: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
}

export class RecordSchoolingStatusDto {
  @ApiProperty({ enum: RECORDED_SCHOOLING_STATUSES })
  @IsIn(RECORDED_SCHOOLING_STATUSES)
  status: RecordedSchoolingStatus;

  @ApiPropertyOptional({ enum: ['HOME_VISIT', 'MANUAL'], default: 'MANUAL' })
  @IsOptional()
  @IsIn(['HOME_VISIT', 'MANUAL'])
  source?: 'HOME_VISIT' | 'MANUAL';

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  confirmedOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ description: 'The version you read; required when a status is already recorded for the year' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class SchoolingStatusResponse {
  @ApiProperty() schoolYear: number;
  @ApiProperty({ enum: RECORDED_SCHOOLING_STATUSES }) status: RecordedSchoolingStatus;
  @ApiProperty({ enum: ['ENROLLMENT', 'GUIDE_RESPONSE', 'HOME_VISIT', 'MANUAL'] }) source: string;
  @ApiProperty({ format: 'date' }) confirmedOn: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
}

export class RecordAbsenceDto {
  @ApiProperty({ minimum: 0, maximum: 31 })
  @IsInt()
  @Min(0)
  @Max(31)
  daysAbsent: number;

  @ApiPropertyOptional({ enum: ABSENCE_REASONS, nullable: true })
  @Nullable()
  @IsIn(ABSENCE_REASONS)
  reason?: AbsenceReason | null;
}

export class AbsenceMonthResponse {
  @ApiProperty({ example: '2026-05' }) month: string;
  @ApiProperty() schoolYear: number;
  @ApiProperty() daysAbsent: number;
  @ApiProperty({ enum: ABSENCE_REASONS, nullable: true }) reason: AbsenceReason | null;
}

export class RecordGuideResponseDto {
  @ApiProperty({ example: 2027, description: 'The school year the guide was about' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ enum: GUIDE_RESPONSES })
  @IsIn(GUIDE_RESPONSES)
  response: GuideResponse;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  respondedOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class GuideResponseResponse {
  @ApiProperty() id: string;
  @ApiProperty() schoolYear: number;
  @ApiProperty({ enum: GUIDE_RESPONSES }) response: GuideResponse;
  @ApiProperty({ format: 'date' }) respondedOn: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class GuideSentResponse {
  @ApiProperty() schoolYear: number;
  @ApiProperty() guardianId: string;
  @ApiProperty({ format: 'date' }) sentOn: string;
}

export class ChildSchoolingResponse {
  @ApiProperty() residentId: string;
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty() schoolYear: number;
  @ApiProperty({ type: SchoolAgeResponse }) schoolAge: SchoolAgeResponse;
  @ApiProperty({ enum: SCHOOLING_STATUSES, description: 'The MEXT category today (NOT_TRACKED when nothing is known)' })
  status: SchoolingStatus;
  @ApiProperty({ description: 'Days absent in this school year' }) absentDays: number;
  @ApiProperty({ description: '30 days or more absent in this school year (長期欠席)' }) longAbsence: boolean;
  @ApiProperty({ type: [SchoolEnrollmentResponse] }) enrollments: SchoolEnrollmentResponse[];
  @ApiProperty({ type: [SchoolingStatusResponse] }) statuses: SchoolingStatusResponse[];
  @ApiProperty({ type: [AbsenceMonthResponse] }) absences: AbsenceMonthResponse[];
  @ApiProperty({ type: [GuideSentResponse] }) guides: GuideSentResponse[];
  @ApiProperty({ type: [GuideResponseResponse] }) guideResponses: GuideResponseResponse[];
}

// ---- roster and survey ------------------------------------------------------------------------

export class SchoolAgeChildrenQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ enum: ['ELEMENTARY', 'LOWER_SECONDARY'] })
  @IsOptional()
  @IsIn(['ELEMENTARY', 'LOWER_SECONDARY'])
  stage?: 'ELEMENTARY' | 'LOWER_SECONDARY';

  @ApiPropertyOptional({ enum: SCHOOLING_STATUSES })
  @IsOptional()
  @IsIn(SCHOOLING_STATUSES)
  status?: SchoolingStatus;

  @ApiPropertyOptional({ description: 'Only children absent 30 days or more this school year' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  longAbsence?: 'true' | 'false';
}

export class SchoolAgeChildResponse {
  @ApiProperty() residentId: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ type: String, nullable: true }) givenName: string | null;
  @ApiProperty({ type: String, nullable: true }) middleName: string | null;
  @ApiProperty({ type: String, nullable: true }) kanaName: string | null;
  @ApiProperty({ type: String, nullable: true }) kanjiName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '通称' }) commonName: string | null;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty() nationality: string;
  @ApiProperty() registryCategory: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) movedInOn: string | null;
  @ApiProperty({ enum: ['ELEMENTARY', 'LOWER_SECONDARY'] }) stage: 'ELEMENTARY' | 'LOWER_SECONDARY';
  @ApiProperty() grade: number;
  @ApiProperty({ enum: SCHOOLING_STATUSES }) status: SchoolingStatus;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty() japaneseInstructionNeeded: boolean;
  @ApiProperty({ description: 'Days absent in the school year of the reference date' }) absentDays: number;
}

export class SchoolAgeChildrenPage {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [SchoolAgeChildResponse] }) items: SchoolAgeChildResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class MextSurveyQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Reference date; defaults to 1 May of the current school year' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class MextSurveyRow {
  @ApiProperty({ enum: [...SCHOOLING_STATUSES, 'TOTAL', 'POSSIBLY_NOT_ENROLLED'] }) category: string;
  @ApiProperty() label: string;
  @ApiProperty() elementary: number;
  @ApiProperty() lowerSecondary: number;
  @ApiProperty() total: number;
}

export class MextSurveyResponse {
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [MextSurveyRow] }) rows: MextSurveyRow[];
}

// ---- enrolment guide --------------------------------------------------------------------------

export class RequestGuideDispatchDto {
  @ApiProperty({ example: 2027, description: 'The school year the guide is for (it starts on 1 April)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;
}

export class GuideDispatchResponse {
  @ApiProperty() id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() schoolYear: number;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] }) status: string;
  @ApiProperty({ description: 'Children the guide concerns' }) children: number;
  @ApiProperty({ description: 'Guardians written to (one guide each, naming all their children)' }) guardians: number;
  @ApiProperty({ description: 'Guides queued by this dispatch (0 for a guardian already sent one this year)' })
  queued: number;
  @ApiProperty({ description: 'Children with no guardian or household head on record' }) withoutGuardian: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent done while it runs (from the job)' })
  progress: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}
