import { IsMunicipalityCode } from '@app/identity';
import { IsCalendarDate, PageQueryDto } from '@app/platform';
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
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  IsOrientationLanguage,
  IsTimeOfDay,
  ORIENTATION_TOPICS,
  type OrientationTopic,
} from '../orientation-topics.js';

const LANGUAGES_EXAMPLE = ['ja-easy', 'vi', 'pt'];
/** Present means "set" (null clears it); absent means "leave as is". */
const Nullable = () => IsOptional();
/** May be left out on update, never cleared. */
const NotNull = () => ValidateIf((_: object, value: unknown) => value !== undefined);

export class CreateOrientationSessionDto {
  @ApiPropertyOptional({ description: "Defaults to your office's municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  heldOn: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '13:30', description: 'HH:MM, office time' })
  @Nullable()
  @IsTimeOfDay()
  startsAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '浜松市役所 北館 1階 101会議室' })
  @Nullable()
  @IsString()
  @Length(1, 300)
  venue?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Held online (a venue is needed otherwise)' })
  @IsOptional()
  @IsBoolean()
  online?: boolean;

  @ApiProperty({ type: [String], example: LANGUAGES_EXAMPLE, description: 'Offered: ISO 639-1, or ja-easy' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsOrientationLanguage({ each: true })
  languages: string[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  interpreter?: boolean;

  @ApiProperty({ enum: ORIENTATION_TOPICS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORIENTATION_TOPICS.length)
  @IsIn(ORIENTATION_TOPICS, { each: true })
  topics: OrientationTopic[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'Seats; none means no limit' })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 })
  @Nullable()
  @IsString()
  @MaxLength(4000)
  note?: string | null;
}

export class UpdateOrientationSessionDto {
  @ApiProperty({ description: 'The version you read; a stale one gives 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ format: 'date' })
  @NotNull()
  @IsCalendarDate()
  heldOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '13:30' })
  @Nullable()
  @IsTimeOfDay()
  startsAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @Length(1, 300)
  venue?: string | null;

  @ApiPropertyOptional()
  @NotNull()
  @IsBoolean()
  online?: boolean;

  @ApiPropertyOptional({ type: [String], example: LANGUAGES_EXAMPLE })
  @NotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsOrientationLanguage({ each: true })
  languages?: string[];

  @ApiPropertyOptional()
  @NotNull()
  @IsBoolean()
  interpreter?: boolean;

  @ApiPropertyOptional({ enum: ORIENTATION_TOPICS, isArray: true })
  @NotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORIENTATION_TOPICS.length)
  @IsIn(ORIENTATION_TOPICS, { each: true })
  topics?: OrientationTopic[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 })
  @Nullable()
  @IsString()
  @MaxLength(4000)
  note?: string | null;
}

export class OrientationSessionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Held on or after' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Held on or before' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class AttendanceCounts {
  @ApiProperty({ description: 'Registered and not yet recorded' }) registered: number;
  @ApiProperty() attended: number;
  @ApiProperty() noShow: number;
}

export class OrientationSessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '221309' }) municipalityCode: string;
  @ApiProperty({ format: 'uuid', description: 'The office that holds the session' }) orgId: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '13:30' }) startsAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) venue: string | null;
  @ApiProperty() online: boolean;
  @ApiProperty({ type: [String], example: LANGUAGES_EXAMPLE }) languages: string[];
  @ApiProperty() interpreter: boolean;
  @ApiProperty({ enum: ORIENTATION_TOPICS, isArray: true }) topics: string[];
  @ApiPropertyOptional({ type: Number, nullable: true }) capacity: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: AttendanceCounts }) attendance: AttendanceCounts;
  @ApiProperty() version: number;
}

export class OrientationSessionPage {
  @ApiProperty({ type: [OrientationSessionResponse] }) items: OrientationSessionResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
