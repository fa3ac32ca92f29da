import { Body, Controller, Get, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, sendCsv, UuidParam, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { AttendanceResponse, RecordAttendanceDto, ResidentOrientationResponse } from './attendance.dto.js';
import { AttendanceService } from './attendance.service.js';

@ApiTags('orientation')
@Controller('orientation-sessions/:id')
export class OrientationAttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Put('attendance')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: 'Register a resident for the session, or record that they attended or did not come',
    description:
      "The resident must be one of the session's municipality (404 otherwise). ATTENDED and NO_SHOW can be " +
      'recorded from the date of the session; a full session (capacity) refuses a new registration with 409.',
  })
  @ApiOkResponse({ type: AttendanceResponse })
  record(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: RecordAttendanceDto,
  ): Promise<AttendanceResponse> {
    return this.attendance.record(ctx, id, body);
  }

  @Get('attendance')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: "The session's roster: who registered, attended or did not come, in name order" })
  @ApiOkResponse({ type: [AttendanceResponse] })
  roster(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<AttendanceResponse[]> {
    return this.attendance.roster(ctx, id);
  }

  @Get('attendance.csv')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: "The session's roster as CSV (resident_id, names, status, language, recorded_at), in name order",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8', schema: { type: 'string' } })
  async rosterCsv(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    sendCsv(reply, await this.attendance.rosterCsv(ctx, id), `orientation-roster-${id}.csv`);
  }
}

@ApiTags('orientation')
@Controller('residents/:id')
export class ResidentOrientationController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('orientation')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({
    summary: "The resident's orientation record: sessions registered for and attended, with dates, topics, languages",
  })
  @ApiOkResponse({ type: ResidentOrientationResponse })
  record(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ResidentOrientationResponse> {
    return this.attendance.ofResident(ctx, id);
  }
}
