import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, UuidParam, type Page, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { ResidentContactService } from '../contacts/resident-contact.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ReminderSchedulesService } from '../reminders/reminder-schedules.service.js';
import {
  NotificationOptOutsDto,
  NotificationOptOutsResponse,
  NotificationPage,
  NotificationQueryDto,
  NotificationResponse,
  ReminderScheduleResponse,
  ResidentContactDto,
  ResidentContactResponse,
  UpdateReminderScheduleDto,
} from './notifications.dto.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: "Your office's outbox, newest first: ?status=DEAD is the dead-letter list, ?channel=LETTER the letters",
  })
  @ApiOkResponse({ type: NotificationPage })
  list(@Ctx() ctx: RequestContext, @Query() query: NotificationQueryDto): Promise<Page<NotificationResponse>> {
    return this.outbox.list(ctx, query);
  }

  @Post(':id/resend')
  @Roles('CITY_CASEWORKER')
  @HttpCode(200)
  @ApiOperation({
    summary: "Send a dead, failed or sent notification again (to the resident's current address and channel); audited",
  })
  @ApiOkResponse({ type: NotificationResponse })
  resend(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<NotificationResponse> {
    return this.outbox.resend(ctx, id);
  }

  @Get(':id/letter.pdf')
  @Roles('CITY_CASEWORKER')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The printable letter (A4 PDF, address block for a window envelope) of a LETTER notification',
  })
  async letter(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const pdf = await this.outbox.letter(ctx, id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="letter-${id}.pdf"`)
      .send(pdf);
  }
}

@ApiTags('notifications')
@Controller('residents/:id')
export class ResidentNotificationsController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly contacts: ResidentContactService,
  ) {}

  @Get('notifications')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'What the resident was sent (or is queued to be sent), newest first; audited' })
  @ApiOkResponse({ type: [NotificationResponse] })
  notifications(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<NotificationResponse[]> {
    return this.outbox.ofResident(ctx, id);
  }

  @Get('notification-opt-outs')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'The channels the resident refused' })
  @ApiOkResponse({ type: NotificationOptOutsResponse })
  optOuts(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<NotificationOptOutsResponse> {
    return this.contacts.optOuts(ctx, id);
  }

  @Put('notification-opt-outs')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Set the channels the resident refuses (e-mail, letters); audited' })
  @ApiOkResponse({ type: NotificationOptOutsResponse })
  setOptOuts(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: NotificationOptOutsDto,
  ): Promise<NotificationOptOutsResponse> {
    return this.contacts.setOptOuts(ctx, id, body);
  }

  @Get('contact')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "The resident's e-mail address for notifications" })
  @ApiOkResponse({ type: ResidentContactResponse })
  contact(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ResidentContactResponse> {
    return this.contacts.contact(ctx, id);
  }

  @Put('contact')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "Set (or with null remove) the resident's e-mail address; audited without the address" })
  @ApiOkResponse({ type: ResidentContactResponse })
  setContact(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: ResidentContactDto,
  ): Promise<ResidentContactResponse> {
    return this.contacts.setContact(ctx, id, body.email);
  }
}

@ApiTags('notifications')
@Controller('reminder-schedules')
export class ReminderSchedulesController {
  constructor(private readonly schedules: ReminderSchedulesService) {}

  @Get()
  @Roles('ADMIN', 'CITY_CASEWORKER')
  @ApiOperation({ summary: 'When reminders go out: days before or after an anchor date, per purpose' })
  @ApiOkResponse({ type: [ReminderScheduleResponse] })
  list(): Promise<ReminderScheduleResponse[]> {
    return this.schedules.list();
  }

  @Patch(':purpose')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Change a schedule's days or switch it off (a city office's administrator); audited" })
  @ApiOkResponse({ type: ReminderScheduleResponse })
  update(
    @Ctx() ctx: RequestContext,
    @Param('purpose') purpose: string,
    @Body() body: UpdateReminderScheduleDto,
  ): Promise<ReminderScheduleResponse> {
    return this.schedules.update(ctx, purpose, body);
  }
}
