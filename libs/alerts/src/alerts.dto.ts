import { PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'] as const;
export const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;

class Bilingual {
  @ApiProperty() ja: string;
  @ApiProperty() en: string;
}

export class AlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, description: 'Default: OPEN and ACKNOWLEDGED' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: string;
  @ApiPropertyOptional({ example: 'NO_HEALTH_COVERAGE' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,60}$/, { message: 'ruleCode must be a rule code such as NO_HEALTH_COVERAGE' })
  ruleCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() residentId?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: string;
}

export class UpdateAlertDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: ['ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'] })
  @IsIn(['ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'])
  status: 'ACKNOWLEDGED' | 'RESOLVED' | 'DISMISSED';
  @ApiPropertyOptional({ maxLength: 1000, description: 'Required when dismissing' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}

export class AlertResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ type: Bilingual }) title: Bilingual;
  @ApiProperty() municipalityCode: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) ownerOrgId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) residentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Name as on the residence card' })
  residentName: string | null;
  @ApiProperty({ description: 'What it is about: the resident, a case, an enrollment or a report' })
  subjectKey: string;
  @ApiProperty({ enum: ALERT_STATUSES }) status: string;
  @ApiProperty({ type: Bilingual, description: 'Why it fired' }) reason: Bilingual;
  @ApiProperty({ type: Object }) details: Record<string, unknown>;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) acknowledgedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ description: 'Resolved because the cause went away' }) resolvedBySystem: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) dismissReason: string | null;
  @ApiProperty() version: number;
}

export class AlertPage {
  @ApiProperty({ type: [AlertResponse] }) items: AlertResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class AlertCountResponse {
  @ApiProperty() ruleCode: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty() open: number;
}

export class AlertRuleResponse {
  @ApiProperty() ruleCode: string;
  @ApiProperty({ description: 'The role that works it, or CASE_OWNER (the office owning the case)' }) owner: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ type: Bilingual }) title: Bilingual;
  @ApiProperty({ type: [String], description: 'Domain events that re-evaluate it for the resident concerned' })
  events: string[];
  @ApiProperty() enabled: boolean;
}

export class SweepResponse {
  @ApiProperty() jobId: string;
}
