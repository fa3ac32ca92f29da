import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, decodeCursor, Roles, UuidParam, type Page, type RequestContext } from '@app/platform';
import { CreateUserDto, UpdateUserDto, UserQueryDto, UserView } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: UserView })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(ctx, body);
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: "Accounts of the administrator's office" })
  list(@Ctx() ctx: RequestContext, @Query() query: UserQueryDto): Promise<Page<UserView>> {
    return this.users.list(ctx.principal!.orgId, {
      q: query.q,
      limit: query.limit ?? 50,
      cursor: decodeCursor<{ email: string; id: string }>(query.cursor, ['email', 'id']),
    });
  }

  @Get(':id')
  @Roles('ADMIN')
  @ApiOkResponse({ type: UserView })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<UserView> {
    return this.users.getInOrg(id, ctx.principal!.orgId);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change name, roles or active state (optimistic: send the version you read)' })
  @ApiOkResponse({ type: UserView })
  update(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(ctx, id, body);
  }
}
