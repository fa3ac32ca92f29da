import { IsCalendarDate, LANGUAGE_CODE, PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** Levels of 日本語教育の参照枠 (the CEFR-based reference framework), lowest first. */
export const REFERENCE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const PROVIDER_KINDS = [
  'MUNICIPALITY',
  'INTERNATIONAL_ASSOCIATION',
  'NPO',
  'VOLUNTEER_GROUP',
  'SCHOOL',
  'EMPLOYER',
  'OTHER',
] as const;
export const ENROLLMENT_STATUSES = ['WAITLISTED', 'ENROLLED', 'COMPLETED', 'WITHDRAWN', 'DROPPED'] as const;
export const ATTENDANCE_STATUSES = ['PRESENT', 'ABSENT', 'EXCUSED'] as const;
export const FRAMEWORKS = ['JLPT', 'JF_STANDARD', 'JFT_BASIC', 'SCHOOL_DLA'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/**
 * The levels of each framework (domain reference §6.1). JLPT and the reference framework are kept
 * apart: no official equivalence is assumed. JFT-Basic is pass (A2) or not; the DLA (対話型アセスメント)
 * rates school children in stages 1–6.
 */
export const LEVELS_OF: Record<Framework, readonly string[]> = {
  JLPT: ['N5', 'N4', 'N3', 'N2', 'N1'],
  JF_STANDARD: REFERENCE_LEVELS,
  JFT_BASIC: ['BELOW_A2', 'A2'],
  SCHOOL_DLA: ['1', '2', '3', '4', '5', '6'],
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateCourseDto {
  @ApiPropertyOptional({ description: "Defaults to the caller's first municipality", example: '221309' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'municipalityCode must be a 6-digit code' })
  municipalityCode?: string;

  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ maxLength: 200, description: 'Who runs it' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  provider: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) @IsIn(PROVIDER_KINDS) providerKind: (typeof PROVIDER_KINDS)[number];

  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) venue?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() online?: boolean;

  @ApiProperty({ enum: REFERENCE_LEVELS, description: 'Lowest level of the reference framework the course is for' })
  @IsIn(REFERENCE_LEVELS)
  levelFrom: (typeof REFERENCE_LEVELS)[number];

  @ApiProperty({ enum: REFERENCE_LEVELS }) @IsIn(REFERENCE_LEVELS) levelTo: (typeof REFERENCE_LEVELS)[number];

  @ApiProperty({ example: 'ja-easy', description: 'Language of instruction: ISO 639-1, or ja-easy' })
  @Matches(LANGUAGE_CODE, { message: 'instructionLanguage must be an ISO 639-1 code such as ja, or ja-easy' })
  instructionLanguage: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Saturdays 10:00–12:00' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  schedule?: string;

  @ApiProperty({ minimum: 1, maximum: 10000 }) @IsInt() @Min(1) @Max(10000) capacity: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) feeYen?: number;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() endsOn: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    description: 'Share of sessions to attend to complete (default 80)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  completionAttendancePercent?: number;
}

export class UpdateCourseDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) venue?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) schedule?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, description: 'Raising it enrolls people from the waitlist' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() endsOn?: string;
}

export class CourseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Courses running on or after this date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
}

export class CourseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() title: string;
  @ApiProperty() provider: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) providerKind: string;
  @ApiPropertyOptional({ type: String, nullable: true }) venue: string | null;
  @ApiProperty() online: boolean;
  @ApiProperty({ enum: REFERENCE_LEVELS }) levelFrom: string;
  @ApiProperty({ enum: REFERENCE_LEVELS }) levelTo: string;
  @ApiProperty() instructionLanguage: string;
  @ApiPropertyOptional({ type: String, nullable: true }) schedule: string | null;
  @ApiProperty() capacity: number;
  @ApiProperty() feeYen: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty() completionAttendancePercent: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'When completion was decided' })
  closedOn: string | null;
  @ApiProperty() enrolled: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty() version: number;
}

export class CoursePage {
  @ApiProperty({ type: [CourseResponse] }) items: CourseResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class CreateSessionDto {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() heldOn: string;
  @ApiPropertyOptional({ example: '10:00' })
  @IsOptional()
  @Matches(TIME, { message: 'startsAt must be a time such as 10:00' })
  startsAt?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) topic?: string;
}

export class UpdateSessionDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() heldOn?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) topic?: string;
  @ApiPropertyOptional({ description: 'A cancelled session does not count towards completion' })
  @IsOptional()
  @IsBoolean()
  cancelled?: boolean;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startsAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) topic: string | null;
  @ApiProperty() cancelled: boolean;
  @ApiProperty() version: number;
}

export class EnrollDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() residentId: string;
}

export class UpdateEnrollmentDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiProperty({
    enum: ['WITHDRAWN', 'DROPPED'],
    description: 'WITHDRAWN: the learner left; DROPPED: the coordinator removed them',
  })
  @IsIn(['WITHDRAWN', 'DROPPED'])
  status: 'WITHDRAWN' | 'DROPPED';
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class EnrollmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '1 = next to be enrolled; only while waitlisted' })
  waitlistPosition: number | null;
  @ApiProperty({ description: 'When the request was made' }) requestedAt: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) enrolledOn: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) endedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty() version: number;
}

export class RosterEntryResponse extends EnrollmentResponse {
  @ApiProperty() familyName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) givenName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) kanaName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) preferredLanguage: string | null;
  @ApiProperty({ description: 'Sessions held since enrollment (cancelled and excused ones not counted)' })
  sessionsCounted: number;
  @ApiProperty() sessionsPresent: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Percent present of the sessions counted' })
  attendancePercent: number | null;
}

export class CourseAttendanceRecordDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() enrollmentId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) @IsIn(ATTENDANCE_STATUSES) status: (typeof ATTENDANCE_STATUSES)[number];
}

export class RecordCourseAttendanceDto {
  @ApiProperty({ type: [CourseAttendanceRecordDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => CourseAttendanceRecordDto)
  records: CourseAttendanceRecordDto[];
}

export class CourseAttendanceResponse {
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: string;
}

export class AbsenceSignalResponse {
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ description: 'Consecutive absences up to the last session held' }) consecutiveAbsences: number;
  @ApiProperty({ format: 'date' }) lastAttendedOn: string | null;
}

export class RecordCourseAttendanceResponse {
  @ApiProperty({ type: [CourseAttendanceResponse] }) records: CourseAttendanceResponse[];
  @ApiProperty({ type: [AbsenceSignalResponse], description: 'Learners now absent from 3 sessions in a row' })
  absentThreeInARow: AbsenceSignalResponse[];
}

export class CloseCourseResponse {
  @ApiProperty({ format: 'date' }) closedOn: string;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Enrolled learners below the completion threshold' }) dropped: number;
}

export class CreateAssessmentDto {
  @ApiProperty({ enum: FRAMEWORKS }) @IsIn(FRAMEWORKS) framework: Framework;
  @ApiProperty({
    example: 'N4',
    description: 'JLPT N5–N1; JF_STANDARD A1–C2; JFT_BASIC A2 or BELOW_A2; SCHOOL_DLA 1–6',
  })
  @IsString()
  @MaxLength(10)
  level: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() assessedOn: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) assessor?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) score?: number;
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FRAMEWORKS }) framework: string;
  @ApiProperty() level: string;
  @ApiProperty({ format: 'date' }) assessedOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assessor: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
}

export class ResidentCourseResponse extends EnrollmentResponse {
  @ApiProperty() courseTitle: string;
  @ApiProperty({ format: 'date' }) courseStartsOn: string;
  @ApiProperty({ format: 'date' }) courseEndsOn: string;
}

export class ResidentLanguageResponse {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ type: [AssessmentResponse], description: 'The latest assessment in each framework' })
  latest: AssessmentResponse[];
  @ApiProperty({ type: [AssessmentResponse], description: 'Every assessment, newest first' })
  assessments: AssessmentResponse[];
  @ApiProperty({ type: [ResidentCourseResponse] }) courses: ResidentCourseResponse[];
}
