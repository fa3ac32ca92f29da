import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  ATTENDANCE_STATUSES,
  IsOrientationLanguage,
  ORIENTATION_TOPICS,
  type AttendanceStatus,
} from '../orientation-topics.js';

export class RecordAttendanceDto {
  @ApiProperty({ format: 'uuid', description: "A resident of the session's municipality" })
  @IsUUID()
  residentId: string;

  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    description: 'REGISTERED before the session; ATTENDED or NO_SHOW from its date on',
  })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'vi',
    description: 'The language the resident followed the session in (ISO 639-1, or ja-easy); left out keeps it',
  })
  @IsOptional()
  @IsOrientationLanguage()
  language?: string | null;
}

export class AttendanceResponse {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() familyName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) givenName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) kanaName: string | null;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) language: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ResidentOrientationSessionResponse {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '13:30' }) startsAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) venue: string | null;
  @ApiProperty() online: boolean;
  @ApiProperty({ enum: ORIENTATION_TOPICS, isArray: true }) topics: string[];
  @ApiProperty({ type: [String], description: 'Languages the session offered' }) languages: string[];
  @ApiProperty() interpreter: boolean;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The language the resident followed it in' })
  language: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ResidentOrientationResponse {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ description: 'Attended at least one orientation session' }) attended: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) lastAttendedOn: string | null;
  @ApiProperty({ enum: ORIENTATION_TOPICS, isArray: true, description: 'Topics of the sessions attended' })
  topicsCovered: string[];
  @ApiProperty({ type: [ResidentOrientationSessionResponse], description: 'Newest first' })
  sessions: ResidentOrientationSessionResponse[];
}
