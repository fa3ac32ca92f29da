import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Ctx, decodeCursor, Roles, UuidParam, type Page, type RequestContext } from '@app/platform';
import {
  CreateOrganizationDto,
  OfficeSummaryView,
  OrganizationQueryDto,
  OrganizationView,
  UpdateOrganizationDto,
} from './organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a city or PESO office' })
  @ApiCreatedResponse({ type: OrganizationView })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(ctx, body);
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'The directory of offices' })
  list(@Query() query: OrganizationQueryDto): Promise<Page<OrganizationView>> {
    return this.organizations.list({
      q: query.q,
      kind: query.kind,
      limit: query.limit ?? 50,
      cursor: decodeCursor<{ name: string; id: string }>(query.cursor, ['name', 'id']),
    });
  }

  @Get(':id')
  @Roles('ADMIN')
  @ApiOkResponse({ type: OrganizationView })
  get(@UuidParam() id: string): Promise<OrganizationView> {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Rename the administrator's own office or change a PESO jurisdiction" })
  @ApiOkResponse({ type: OrganizationView })
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return this.organizations.update(ctx, id, body);
  }
}

/** The offices a staff member works with, for consent and referral forms (not the admin directory). */
@ApiTags('organizations')
@Controller('offices')
export class OfficesController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'The city offices of your municipalities and the PESO offices whose jurisdiction covers them',
  })
  @ApiOkResponse({ type: [OfficeSummaryView] })
  list(@Ctx() ctx: RequestContext): Promise<OfficeSummaryView[]> {
    return this.organizations.partners(ctx.principal!.municipalityCodes);
  }
}
