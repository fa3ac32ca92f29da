import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, ROLES, type Role } from '@app/platform';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateIf,
} from 'class-validator';
import { OrganizationView } from '../organizations/organization.dto.js';
import { PASSWORD_MIN_LENGTH } from '../auth/password.service.js';

/** May be left out, but never null: `@IsOptional()` lets null through, and null has no meaning here. */
const Omissible = () => ValidateIf((_: object, value: unknown) => value !== undefined);

const trimmedLowercase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'tanaka@city.example.jp' })
  @Transform(trimmedLowercase)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email: string;

  @ApiProperty({ example: '田中 花子' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: 'Initial password' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200, { message: `password must be ${PASSWORD_MIN_LENGTH} to 200 characters long` })
  password: string;

  @ApiPropertyOptional({ description: "Office of the new user; defaults to the administrator's own" })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read; a stale version gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @Omissible()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @Omissible()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false signs the user out everywhere and blocks sign-in' })
  @Omissible()
  @IsBoolean()
  active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or e-mail' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty() orgId: string;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
