import { PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_PURPOSES,
  NOTIFICATION_STATUSES,
  type NotificationChannel,
  type NotificationPurpose,
  type NotificationStatus,
} from '../purposes.js';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ enum: NOTIFICATION_PURPOSES }) purpose: NotificationPurpose;
  @ApiProperty() templateCode: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The resident's language as recorded" })
  requestedLanguage: string | null;
  @ApiProperty({ description: 'The language the text is in (the fallback when the requested one has no text)' })
  language: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, nullable: true, description: 'Null when opted out of both' })
  channel: NotificationChannel | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The e-mail address (EMAIL only)' })
  recipient: string | null;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status: NotificationStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'Sends asked again by staff after it was sent' }) resendCount: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) messageId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The SMTP server's reply (its queue id)" })
  smtpResponse: string | null;
  @ApiProperty({ description: 'A printable letter is ready at letter.pdf' }) letterReady: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, description: 'DEAD is the dead-letter list' })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_PURPOSES })
  @IsOptional()
  @IsIn(NOTIFICATION_PURPOSES)
  purpose?: NotificationPurpose;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, description: 'LETTER: the letters to print' })
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;
}

export class NotificationOptOutsDto {
  @ApiProperty({ description: 'true: send no e-mail (letters instead, unless refused too)' })
  @IsBoolean()
  email: boolean;

  @ApiProperty({ description: 'true: print no letters' })
  @IsBoolean()
  letter: boolean;
}

export class NotificationOptOutsResponse extends NotificationOptOutsDto {}

export class ResidentContactDto {
  @ApiProperty({ type: String, nullable: true, maxLength: 254, description: 'null removes the address' })
  @ValidateIf((body: ResidentContactDto) => body.email !== null)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string | null;
}

export class ResidentContactResponse {
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class ReminderScheduleResponse {
  @ApiProperty({ enum: NOTIFICATION_PURPOSES }) purpose: NotificationPurpose;
  @ApiProperty({ description: 'The date the offsets count from', example: 'STAY_EXPIRY_DATE' }) anchor: string;
  @ApiProperty({ enum: ['BEFORE', 'AFTER'] }) direction: 'BEFORE' | 'AFTER';
  @ApiProperty({ type: [Number], example: [90, 60, 30] }) offsetsDays: number[];
  @ApiPropertyOptional({
    enum: NOTIFICATION_PURPOSES,
    nullable: true,
    description: 'Sent for every step after the first',
  })
  followUpPurpose: NotificationPurpose | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty() version: number;
}

export class UpdateReminderScheduleDto {
  @ApiProperty({ description: 'The version you read; a stale one gives 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ type: [Number], example: [90, 60, 30], description: 'Days from the anchor, 0 to 3650' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(3650, { each: true })
  offsetsDays?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
