import { PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const WITHIN_DAYS = {
  minimum: 1,
  maximum: 3650,
  description: 'Moved in within this many days up to today (Asia/Tokyo); defaults to ORIENTATION_NEWCOMER_DAYS (90)',
};

/** Who is listed. */
export class NewcomerInvitationFilterDto {
  @ApiPropertyOptional(WITHIN_DAYS)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  withinDays?: number;
}

export class NewcomerInvitationQueryDto extends PageQueryDto {
  @ApiPropertyOptional(WITHIN_DAYS)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  withinDays?: number;
}

export class NewcomerInvitationResponse {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() familyName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) givenName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) kanaName: string | null;
  @ApiProperty({ format: 'date' }) movedInOn: string;
  @ApiProperty({ description: 'Days from moving in to today (Asia/Tokyo)' }) daysSinceMovedIn: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'As on the register (BCP 47)' })
  preferredLanguage: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['JA', 'EASY_JA', 'INTERPRETER_NEEDED'] })
  communicationLevel: string | null;
  @ApiProperty({
    example: 'vi',
    description:
      'The language to invite in: ja-easy (やさしい日本語) when the communication level is EASY_JA or no language ' +
      "is recorded, otherwise the preferred language's primary subtag (pt-BR → pt), as sessions' languages are written",
  })
  invitationLanguage: string;
}

export class NewcomerInvitationPage {
  @ApiProperty({ format: 'date', description: "Today's date in Asia/Tokyo, which the list is computed for" })
  today: string;
  @ApiProperty({ format: 'date', description: 'Listed residents moved in on or after this date' })
  movedInFrom: string;
  @ApiProperty({ type: [NewcomerInvitationResponse] }) items: NewcomerInvitationResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
