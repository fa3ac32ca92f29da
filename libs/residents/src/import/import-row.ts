import { Transform } from 'class-transformer';
import { IsIn, IsISO31661Alpha2, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { RESIDENCE_CARD_NUMBER } from '../dto/resident.dto.js';
import { COMMUNICATION_LEVELS, REGISTRY_CATEGORIES, SEXES } from '../resident.entity.js';
import { IsCalendarDate } from '../validation/is-calendar-date.js';

/** The register extract's columns. Header names are part of the interface ([K2]). */
export const IMPORT_COLUMNS = [
  'resident_key',
  'family_name',
  'given_name',
  'middle_name',
  'kanji_name',
  'common_name',
  'common_name_kana',
  'kana_name',
  'birth_date',
  'sex',
  'nationality',
  'registry_category',
  'status_code',
  'status_subtype',
  'stay_period',
  'stay_expiry_date',
  'residence_card_number',
  'postal_code',
  'address',
  'household_key',
  'household_head',
  'moved_in_on',
  'moved_out_on',
  'preferred_language',
  'communication_level',
  'event',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: ImportColumn[] = [
  'resident_key',
  'family_name',
  'given_name',
  'birth_date',
  'sex',
  'nationality',
];
export const IMPORT_EVENTS = ['REGISTER', 'UPDATE', 'MOVED_OUT'] as const;

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const card = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value;

/** One data line, validated with the same rules as the API (empty cells are absent). */
export class ResidentImportRow {
  @IsString()
  @Length(1, 50)
  resident_key: string;

  @IsString()
  @Length(1, 200)
  family_name: string;

  @IsString()
  @Length(1, 200)
  given_name: string;

  @IsOptional() @IsString() @MaxLength(200) middle_name?: string;
  @IsOptional() @IsString() @MaxLength(200) kanji_name?: string;
  @IsOptional() @IsString() @MaxLength(200) common_name?: string;
  @IsOptional() @IsString() @MaxLength(200) common_name_kana?: string;
  @IsOptional() @IsString() @MaxLength(200) kana_name?: string;

  @IsCalendarDate()
  birth_date: string;

  @Transform(upper)
  @IsIn(SEXES, { message: 'sex must be M, F or X' })
  sex: string;

  @Transform(upper)
  @IsISO31661Alpha2({ message: 'nationality must be an ISO 3166-1 alpha-2 code such as VN' })
  nationality: string;

  @IsOptional()
  @Transform(upper)
  @IsIn(REGISTRY_CATEGORIES, { message: `registry_category must be one of ${REGISTRY_CATEGORIES.join(', ')}` })
  registry_category?: string;

  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z0-9_]{2,40}$/, { message: 'status_code is not a status code' })
  status_code?: string;
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{1,3}$/, { message: 'status_subtype is not a subtype' })
  status_subtype?: string;
  @IsOptional()
  @Matches(/^\d{1,3}[ymd]$|^UNLIMITED$/, { message: 'stay_period must look like 3y, 6m or 90d' })
  stay_period?: string;
  @IsOptional() @IsCalendarDate() stay_expiry_date?: string;

  @IsOptional()
  @Transform(card)
  @Matches(RESIDENCE_CARD_NUMBER, { message: 'residence_card_number must be 2 letters, 8 digits, 2 letters' })
  residence_card_number?: string;

  @IsOptional() @Matches(/^\d{3}-?\d{4}$/, { message: 'postal_code must look like 430-0929' }) postal_code?: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional() @IsString() @Length(1, 50) household_key?: string;
  @IsOptional()
  @Transform(upper)
  @IsIn(['Y', 'N'], { message: 'household_head must be Y or N' })
  household_head?: string;
  @IsOptional() @IsCalendarDate() moved_in_on?: string;
  @IsOptional() @IsCalendarDate() moved_out_on?: string;

  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'preferred_language must be a language tag such as vi' })
  preferred_language?: string;

  @IsOptional() @Transform(upper) @IsIn(COMMUNICATION_LEVELS) communication_level?: string;

  @IsOptional()
  @Transform(upper)
  @IsIn(IMPORT_EVENTS, { message: 'event must be REGISTER, UPDATE or MOVED_OUT' })
  event?: string;
}
