import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsMunicipalityCode } from '@app/identity';
import { IsCalendarDate, PageQueryDto } from '@app/platform';
import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  ADDRESS_MAX,
  LANGUAGE_TAG,
  NAME_MAX,
  POSTAL_CODE,
  RESIDENCE_CARD_NUMBER,
  RESIDENT_KEY_MAX,
  STATUS_CODE,
  STATUS_SUBTYPE,
  STAY_PERIOD,
} from '../validation/resident-rules.js';
import {
  COMMUNICATION_LEVELS,
  REGISTRY_CATEGORIES,
  SEXES,
  type CommunicationLevel,
  type RegistryCategory,
  type Sex,
} from '../resident.entity.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Present means "set" (null clears it); absent means "leave as is". */
const Nullable = () => IsOptional();
/**
 * Required on create; on update it may be left out but never cleared (UpdateResidentDto skips
 * only undefined fields, so null reaches this check).
 */
const NotNull = () => IsDefined();

export { RESIDENCE_CARD_NUMBER };

export class CreateResidentDto {
  @ApiPropertyOptional({ description: "Defaults to the caseworker's own municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ description: "The register's key (unique within the municipality); none for NOT_REGISTERED" })
  @Nullable()
  @Transform(trimmed)
  @IsString()
  @Length(1, RESIDENT_KEY_MAX)
  residentKey?: string | null;

  @ApiProperty({ example: 'NGUYEN', description: 'Family name in the alphabet, as on the residence card' })
  @NotNull()
  @Transform(trimmed)
  @IsString()
  @Length(1, NAME_MAX)
  familyName: string;

  @ApiPropertyOptional({ example: 'VAN AN' })
  @Nullable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(NAME_MAX)
  givenName?: string | null;

  @ApiPropertyOptional()
  @Nullable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(NAME_MAX)
  middleName?: string | null;

  @ApiPropertyOptional({ example: '阮 文安' })
  @Nullable()
  @IsString()
  @MaxLength(NAME_MAX)
  kanjiName?: string | null;

  @ApiPropertyOptional({ description: '通称 (common name)' })
  @Nullable()
  @IsString()
  @MaxLength(NAME_MAX)
  commonName?: string | null;

  @ApiPropertyOptional({ description: 'Reading of the common name in kana' })
  @Nullable()
  @IsString()
  @MaxLength(NAME_MAX)
  commonNameKana?: string | null;

  @ApiPropertyOptional({ example: 'グエン ヴァン アン', description: 'Katakana reading of the name' })
  @Nullable()
  @IsString()
  @MaxLength(NAME_MAX)
  kanaName?: string | null;

  @ApiProperty({ example: '1994-07-21' })
  @NotNull()
  @IsCalendarDate()
  birthDate: string;

  @ApiProperty({ enum: SEXES })
  @NotNull()
  @IsIn(SEXES)
  sex: Sex;

  @ApiProperty({ example: 'VN', description: 'ISO 3166-1 alpha-2' })
  @NotNull()
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'nationality must be an ISO 3166-1 alpha-2 code such as VN' })
  nationality: string;

  @ApiProperty({ enum: REGISTRY_CATEGORIES })
  @NotNull()
  @IsIn(REGISTRY_CATEGORIES)
  registryCategory: RegistryCategory;

  @ApiPropertyOptional({ example: 'ENGINEER_HUMANITIES', description: 'A code of GET /api/v1/statuses-of-residence' })
  @Nullable()
  @Transform(upper)
  @Matches(STATUS_CODE, { message: 'statusCode must be a status code such as ENGINEER_HUMANITIES' })
  statusCode?: string | null;

  @ApiPropertyOptional({ example: 'A' })
  @Nullable()
  @Transform(upper)
  @Matches(STATUS_SUBTYPE, { message: 'statusSubtype must be a subtype such as A or RO' })
  statusSubtype?: string | null;

  @ApiPropertyOptional({ example: '3y' })
  @Nullable()
  @Matches(STAY_PERIOD, { message: 'stayPeriod must look like 3y, 6m, 90d or UNLIMITED' })
  stayPeriod?: string | null;

  @ApiPropertyOptional({ example: '2027-07-20' })
  @Nullable()
  @IsCalendarDate()
  stayExpiryDate?: string | null;

  @ApiPropertyOptional({
    description: 'Stored only as a keyed hash and its last 4 characters',
    example: 'AB12345678CD',
  })
  @Nullable()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value,
  )
  @Matches(RESIDENCE_CARD_NUMBER, { message: 'residenceCardNumber must be 2 letters, 8 digits, 2 letters' })
  residenceCardNumber?: string | null;

  @ApiPropertyOptional({ example: '430-0929' })
  @Nullable()
  @Matches(POSTAL_CODE, { message: 'postalCode must look like 430-0929' })
  postalCode?: string | null;

  @ApiPropertyOptional()
  @Nullable()
  @IsString()
  @MaxLength(ADDRESS_MAX)
  address?: string | null;

  @ApiPropertyOptional()
  @Nullable()
  @IsCalendarDate()
  movedInOn?: string | null;

  @ApiPropertyOptional()
  @Nullable()
  @IsCalendarDate()
  movedOutOn?: string | null;

  @ApiPropertyOptional({ example: 'vi', description: 'BCP 47 language tag' })
  @Nullable()
  @Matches(LANGUAGE_TAG, {
    message: 'preferredLanguage must be a language tag such as vi or pt-BR',
  })
  preferredLanguage?: string | null;

  @ApiPropertyOptional({ enum: COMMUNICATION_LEVELS })
  @Nullable()
  @IsIn(COMMUNICATION_LEVELS)
  communicationLevel?: CommunicationLevel | null;
}

export class UpdateResidentDto extends PartialType(OmitType(CreateResidentDto, ['municipalityCode'] as const), {
  skipNullProperties: false,
}) {}

export class ResidentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Any name form: alphabet, katakana, kanji, common name; any order, typos allowed',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, RESIDENT_KEY_MAX)
  residentKey?: string;

  @ApiPropertyOptional({ example: '1994-07-21' })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({ example: 'AB12345678CD' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value,
  )
  @Matches(RESIDENCE_CARD_NUMBER, { message: 'cardNumber must be 2 letters, 8 digits, 2 letters' })
  cardNumber?: string;

  @ApiPropertyOptional({ description: 'Status of residence expires before this date', example: '2027-01-31' })
  @IsOptional()
  @IsCalendarDate()
  statusExpiresBefore?: string;

  @ApiPropertyOptional({ enum: REGISTRY_CATEGORIES })
  @IsOptional()
  @IsIn(REGISTRY_CATEGORIES)
  registryCategory?: RegistryCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  householdId?: string;
}

export class AddGuardianDto {
  @ApiProperty({ description: 'The guardian, a resident of the same municipality' })
  @IsUUID()
  guardianId: string;

  @ApiPropertyOptional({ enum: ['PARENT', 'GUARDIAN', 'OTHER'], default: 'PARENT' })
  @IsOptional()
  @IsIn(['PARENT', 'GUARDIAN', 'OTHER'])
  relationship?: 'PARENT' | 'GUARDIAN' | 'OTHER';
}
