import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, JOB_OPTIONS, JobName, QueueName, Roles, UuidParam, type Page, type RequestContext } from '@app/platform';
import type { Queue } from 'bullmq';
import {
  AlertCountResponse,
  AlertPage,
  AlertQueryDto,
  AlertResponse,
  AlertRuleResponse,
  SweepResponse,
  UpdateAlertDto,
} from './alerts.dto.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    @InjectQueue(QueueName.alerts) private readonly queue: Queue,
  ) {}

  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'ADMIN')
  @ApiOperation({ summary: "Your office's alerts, newest first (default: open and acknowledged)" })
  @ApiOkResponse({ type: AlertPage })
  list(@Ctx() ctx: RequestContext, @Query() query: AlertQueryDto): Promise<Page<AlertResponse>> {
    return this.alerts.list(ctx, query);
  }

  @Get('counts')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'ADMIN')
  @ApiOperation({ summary: 'Open alerts per rule, for the dashboard' })
  @ApiOkResponse({ type: [AlertCountResponse] })
  counts(@Ctx() ctx: RequestContext): Promise<AlertCountResponse[]> {
    return this.alerts.counts(ctx);
  }

  @Post('sweep')
  @Roles('ADMIN')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run the nightly sweep now (it also runs at 02:00 Asia/Tokyo)' })
  @ApiAcceptedResponse({ type: SweepResponse })
  async sweep(): Promise<SweepResponse> {
    const job = await this.queue.add(JobName.alertSweep, {}, JOB_OPTIONS[JobName.alertSweep]);
    return { jobId: job.id! };
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'ADMIN')
  @ApiOperation({ summary: 'An alert of your office' })
  @ApiOkResponse({ type: AlertResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<AlertResponse> {
    return this.alerts.get(ctx, id);
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'ADMIN')
  @ApiOperation({ summary: 'Acknowledge, resolve, or dismiss with a reason (version you read)' })
  @ApiOkResponse({ type: AlertResponse })
  update(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: UpdateAlertDto): Promise<AlertResponse> {
    return this.alerts.update(ctx, id, body);
  }
}

@ApiTags('alerts')
@Controller('alert-rules')
export class AlertRulesController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Roles('ADMIN', 'CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER', 'REPORT_VIEWER')
  @ApiOperation({ summary: 'The alert rule catalogue: owner, severity, the events that re-evaluate each rule' })
  @ApiOkResponse({ type: [AlertRuleResponse] })
  rules(): Promise<AlertRuleResponse[]> {
    return this.alerts.rules();
  }
}
