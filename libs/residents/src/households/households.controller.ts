import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { HouseholdResponse } from '../dto/resident-responses.dto.js';
import { Ctx, Roles, UuidParam, type RequestContext } from '@app/platform';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';
import { HouseholdsService, type HouseholdView } from './households.service.js';

export class CreateHouseholdDto {
  @ApiPropertyOptional({ description: "The register's household key" })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  householdKey?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  headResidentId?: string;
}

export class SetHeadDto {
  @ApiProperty({ description: 'The version you read; a stale version gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_: object, value: unknown) => value !== null)
  @IsUUID()
  headResidentId: string | null;
}

@ApiTags('households')
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Post()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Create a household, optionally with members and a head' })
  @ApiCreatedResponse({ type: HouseholdResponse })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateHouseholdDto): Promise<HouseholdView> {
    return this.households.create(ctx, body);
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'A household with its members' })
  @ApiOkResponse({ type: HouseholdResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<HouseholdView> {
    return this.households.get(ctx, id);
  }

  @Put(':id/members/:residentId')
  @Roles('CITY_CASEWORKER')
  @HttpCode(204)
  @ApiOperation({ summary: 'Move a resident into this household' })
  addMember(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @UuidParam('residentId') residentId: string,
  ): Promise<void> {
    return this.households.addMember(ctx, id, residentId);
  }

  @Delete(':id/members/:residentId')
  @Roles('CITY_CASEWORKER')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a resident out of this household' })
  removeMember(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @UuidParam('residentId') residentId: string,
  ): Promise<void> {
    return this.households.removeMember(ctx, id, residentId);
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Set or clear the head of the household' })
  @ApiOkResponse({ type: HouseholdResponse })
  setHead(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: SetHeadDto): Promise<HouseholdView> {
    return this.households.setHead(ctx, id, body.version, body.headResidentId);
  }
}
