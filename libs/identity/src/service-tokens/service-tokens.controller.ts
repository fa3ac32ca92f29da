import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, ROLES, Roles, UuidParam, type Role, type RequestContext } from '@app/platform';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { ServiceTokensService, type ServiceTokenView } from './service-tokens.service.js';

export class CreateServiceTokenDto {
  @ApiProperty({ example: 'nightly statistics export' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, description: 'What the machine may do (ADMIN is not allowed)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ description: 'ISO 8601 instant after which the token stops working' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

@ApiTags('service-tokens')
@Controller('service-tokens')
export class ServiceTokensController {
  constructor(private readonly tokens: ServiceTokensService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a token for a machine; the token is shown once' })
  @ApiCreatedResponse({ description: 'The token view plus `token`' })
  create(
    @Ctx() ctx: RequestContext,
    @Body() body: CreateServiceTokenDto,
  ): Promise<ServiceTokenView & { token: string }> {
    return this.tokens.create(ctx, {
      name: body.name,
      roles: body.roles,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
    });
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: "The office's service tokens (never the secret)" })
  async list(@Ctx() ctx: RequestContext): Promise<{ items: ServiceTokenView[]; nextCursor: null }> {
    return { items: await this.tokens.list(ctx.principal!), nextCursor: null };
  }

  @Delete(':id')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token at once' })
  @ApiNoContentResponse()
  revoke(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<void> {
    return this.tokens.revoke(ctx, id);
  }
}
