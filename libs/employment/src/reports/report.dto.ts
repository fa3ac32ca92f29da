import { IsCalendarDate, PageQueryDto } from '@app/platform';
import { IsMunicipalityCode } from '@app/identity';
import { MatchRunResponse } from '@app/matching';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export const REPORT_OUTCOMES = ['PENDING', 'APPLIED', 'REJECTED', 'INVALID'] as const;

export class StartEmployerReportQueryDto {
  @ApiPropertyOptional({ description: "Defaults to your office's first municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The day the PESO received the reports, when the file has no received_on column; defaults to today',
  })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;
}

export class EmployerReportImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ type: MatchRunResponse }) matchRun: MatchRunResponse;
  @ApiProperty() totalLines: number;
  @ApiProperty({ description: 'Reports that became or ended an employment record' }) appliedLines: number;
  @ApiProperty({ description: 'Reports refused: person outside the reporting duty, or nothing to end' })
  rejectedLines: number;
  @ApiProperty({ description: 'Reports whose columns are wrong' }) invalidLines: number;
  @ApiProperty({ description: 'Reports received after their legal deadline' }) lateLines: number;
  @ApiProperty({ description: 'Reports not linked to a resident yet: still matching, in review, or unmatched' })
  pendingLines: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastAppliedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EmployerReportLineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_OUTCOMES })
  @IsOptional()
  @IsIn(REPORT_OUTCOMES)
  outcome?: (typeof REPORT_OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'Only reports received after their deadline' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  late?: boolean;
}

export class EmployerReportResponse {
  @ApiProperty() seq: number;
  @ApiProperty() line: number;
  @ApiProperty() sourceRef: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['HIRE', 'SEPARATION'] }) reportType: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) eventDate: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) receivedOn: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) eiInsured: boolean | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'The legal deadline' })
  deadline: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) daysLate: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) statusCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) employerName: string | null;
  @ApiProperty({ enum: REPORT_OUTCOMES }) outcome: string;
  @ApiPropertyOptional({ type: String, nullable: true }) errorField: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) errorReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) residentId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) employmentRecordId: string | null;
}

export class EmployerReportPage {
  @ApiProperty({ type: [EmployerReportResponse] }) items: EmployerReportResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
