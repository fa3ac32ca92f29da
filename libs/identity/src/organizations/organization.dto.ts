import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, PageQueryDto, type OrganizationKind } from '@app/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsMunicipalityCode } from './municipality-code.js';

/** May be left out, but never null: `@IsOptional()` lets null through to the service. */
const Omissible = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** A PESO office's municipalities: 1 to 200 distinct, valid municipality codes. */
const IsJurisdiction = (): PropertyDecorator =>
  applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(200), ArrayUnique(), IsMunicipalityCode({ each: true }));

export class CreateOrganizationDto {
  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiProperty({ example: '浜松市' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ description: 'CITY only: JIS X 0402 code with check digit', example: '221309' })
  @ValidateIf((dto: CreateOrganizationDto) => dto.kind === 'CITY' || dto.municipalityCode !== undefined)
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ description: 'PESO only: the municipalities it serves', example: ['221309', '222216'] })
  @ValidateIf((dto: CreateOrganizationDto) => dto.kind === 'PESO' || dto.jurisdictionCodes !== undefined)
  @IsJurisdiction()
  jurisdictionCodes?: string[];
}

export class UpdateOrganizationDto {
  @ApiProperty({ description: 'The version you read; a stale version gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @Omissible()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'PESO only' })
  @Omissible()
  @IsJurisdiction()
  jurisdictionCodes?: string[];
}

export class OrganizationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;
}

export class OrganizationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) municipalityCode: string | null;
  @ApiProperty({ type: [String] }) jurisdictionCodes: string[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class OfficeSummaryView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) municipalityCode: string | null;
  @ApiProperty({ type: [String] }) jurisdictionCodes: string[];
}
