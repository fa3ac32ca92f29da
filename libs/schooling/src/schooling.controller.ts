import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  Authenticated,
  Clock,
  Ctx,
  officeDate,
  ProblemException,
  Public,
  Roles,
  sendCsv,
  UuidParam,
  type RequestContext,
} from '@app/platform';
import type { FastifyReply } from 'fastify';
import { ChildSchoolingService } from './children/child-schooling.service.js';
import { SchoolGuideService } from './guide/school-guide.service.js';
import { SchoolAgeChildrenService } from './roster/school-age-children.service.js';
import { schoolAge } from './school-age.js';
import { assertSchoolingDuty } from './schooling-access.js';
import {
  AbsenceMonthResponse,
  ChildSchoolingResponse,
  CreateSchoolDto,
  CreateSchoolEnrollmentDto,
  GuideDispatchResponse,
  GuideResponseResponse,
  MextSurveyQueryDto,
  MextSurveyResponse,
  RecordAbsenceDto,
  RecordGuideResponseDto,
  RecordSchoolingStatusDto,
  RequestGuideDispatchDto,
  SchoolAgeChildrenPage,
  SchoolAgeChildrenQueryDto,
  SchoolAgeQueryDto,
  SchoolAgeResponse,
  SchoolEnrollmentResponse,
  SchoolingStatusResponse,
  SchoolResponse,
  UpdateSchoolDto,
  UpdateSchoolEnrollmentDto,
} from './schooling.dto.js';
import { SchoolsService } from './schools/schools.service.js';

const SCHOOLING_ONLY =
  'Board of education and city caseworkers of the child’s municipality; anyone else gets 404 (schooling is not shared with PESO).';

@ApiTags('schooling')
@Controller('school-age')
export class SchoolAgeController {
  constructor(private readonly clock: Clock) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Where a child born on a date stands in compulsory schooling on a date (the April-1 rule)',
    description:
      'Elementary from the first 1 April after legally turning 6 (children born on 1 April join the earlier year ' +
      'group); lower secondary six school years later; compulsory schooling ends on 31 March nine school years ' +
      'after entry. A calculation only: no personal data.',
  })
  @ApiOkResponse({ type: SchoolAgeResponse })
  get(@Query() query: SchoolAgeQueryDto): SchoolAgeResponse {
    return schoolAge(query.birthDate, query.on ?? officeDate(this.clock.now()));
  }
}

@ApiTags('schooling')
@Controller('schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The schools of your municipality', description: SCHOOLING_ONLY })
  @ApiOkResponse({ type: [SchoolResponse] })
  list(@Ctx() ctx: RequestContext): Promise<SchoolResponse[]> {
    assertSchoolingDuty(ctx, 'Schools');
    return this.schools.list(ctx);
  }

  @Post()
  @Roles('SCHOOL_OFFICER')
  @ApiOperation({ summary: 'Add a school (public, private, foreign or other) of your municipality' })
  @ApiCreatedResponse({ type: SchoolResponse })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateSchoolDto): Promise<SchoolResponse> {
    return this.schools.create(ctx, body);
  }

  @Patch(':id')
  @Roles('SCHOOL_OFFICER')
  @ApiOperation({ summary: 'Rename, reclassify or close a school (optimistic concurrency on version)' })
  @ApiOkResponse({ type: SchoolResponse })
  update(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: UpdateSchoolDto): Promise<SchoolResponse> {
    return this.schools.update(ctx, id, body);
  }
}

@ApiTags('schooling')
@Controller('residents/:id')
export class ChildSchoolingController {
  constructor(private readonly children: ChildSchoolingService) {}

  @Get('schooling')
  @Authenticated()
  @ApiOperation({
    summary: "A child's schooling: school age, today's MEXT category, enrolments, statuses, absences, guide",
    description: SCHOOLING_ONLY,
  })
  @ApiOkResponse({ type: ChildSchoolingResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ChildSchoolingResponse> {
    return this.children.get(ctx, id);
  }

  @Post('school-enrollments')
  @Authenticated()
  @ApiOperation({
    summary: 'Record that the child attends a school from a date (one school at a time: 409 on overlap)',
    description: SCHOOLING_ONLY,
  })
  @ApiCreatedResponse({ type: SchoolEnrollmentResponse })
  enroll(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateSchoolEnrollmentDto,
  ): Promise<SchoolEnrollmentResponse> {
    return this.children.createEnrollment(ctx, id, body);
  }

  @Patch('school-enrollments/:enrollmentId')
  @Authenticated()
  @ApiOperation({
    summary: 'End an enrolment, or correct its grade or Japanese-instruction need (version)',
    description: SCHOOLING_ONLY,
  })
  @ApiOkResponse({ type: SchoolEnrollmentResponse })
  updateEnrollment(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @UuidParam('enrollmentId') enrollmentId: string,
    @Body() body: UpdateSchoolEnrollmentDto,
  ): Promise<SchoolEnrollmentResponse> {
    return this.children.updateEnrollment(ctx, id, enrollmentId, body);
  }

  @Put('schooling-status/:schoolYear')
  @Authenticated()
  @ApiOperation({
    summary: "Record the board's finding for a school year (MEXT category; version when one is recorded)",
    description: SCHOOLING_ONLY,
  })
  @ApiOkResponse({ type: SchoolingStatusResponse })
  recordStatus(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Param('schoolYear') schoolYear: string,
    @Body() body: RecordSchoolingStatusDto,
  ): Promise<SchoolingStatusResponse> {
    return this.children.recordStatus(ctx, id, schoolYearParam(schoolYear), body);
  }

  @Put('absences/:month')
  @Authenticated()
  @ApiOperation({
    summary: 'Days absent in a month (YYYY-MM), as the school reports them',
    description: SCHOOLING_ONLY,
  })
  @ApiOkResponse({ type: AbsenceMonthResponse })
  recordAbsence(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Param('month') month: string,
    @Body() body: RecordAbsenceDto,
  ): Promise<AbsenceMonthResponse> {
    return this.children.recordAbsence(ctx, id, month, body);
  }

  @Post('school-guide-responses')
  @Authenticated()
  @ApiOperation({
    summary: "Record a guardian's answer to the enrolment guide (intends to enroll / foreign school / leaving)",
    description: SCHOOLING_ONLY,
  })
  @ApiCreatedResponse({ type: GuideResponseResponse })
  respond(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: RecordGuideResponseDto,
  ): Promise<GuideResponseResponse> {
    return this.children.recordGuideResponse(ctx, id, body);
  }
}

@ApiTags('schooling')
@Controller('school-age-children')
export class SchoolAgeChildrenController {
  constructor(private readonly roster: SchoolAgeChildrenService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Foreign children of compulsory-school age in your municipality on a date, with their MEXT category',
    description: `Computed from the register with the April-1 rule; oldest first. ${SCHOOLING_ONLY}`,
  })
  @ApiOkResponse({ type: SchoolAgeChildrenPage })
  list(@Ctx() ctx: RequestContext, @Query() query: SchoolAgeChildrenQueryDto): Promise<SchoolAgeChildrenPage> {
    return this.roster.page(ctx, query);
  }
}

@ApiTags('schooling')
@Controller('schooling')
export class MextSurveyController {
  constructor(private readonly roster: SchoolAgeChildrenService) {}

  @Get('mext-survey')
  @Authenticated()
  @ApiOperation({
    summary: "MEXT's survey of foreign children's schooling for a reference date (1 May by default)",
    description:
      'Counts by elementary and lower-secondary age of the children on the Basic Resident Register, per category; ' +
      'the categories add up to the total. Board, city caseworkers and report viewers (aggregates only).',
  })
  @ApiOkResponse({ type: MextSurveyResponse })
  get(@Ctx() ctx: RequestContext, @Query() query: MextSurveyQueryDto): Promise<MextSurveyResponse> {
    return this.roster.survey(ctx, query.on);
  }

  @Get('mext-survey.csv')
  @Authenticated()
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The MEXT survey table as CSV' })
  async csv(@Ctx() ctx: RequestContext, @Query() query: MextSurveyQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const survey = await this.roster.survey(ctx, query.on);
    sendCsv(reply, this.roster.surveyCsv(survey), `mext-survey-${survey.municipalityCode}-${survey.on}.csv`);
  }

  @Get('mext-survey.xlsx')
  @Authenticated()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The MEXT survey table as an Excel workbook' })
  async xlsx(
    @Ctx() ctx: RequestContext,
    @Query() query: MextSurveyQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const survey = await this.roster.survey(ctx, query.on);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="mext-survey-${survey.municipalityCode}-${survey.on}.xlsx"`)
      .send(await this.roster.surveyXlsx(survey));
  }
}

@ApiTags('schooling')
@Controller('school-guide-dispatches')
export class SchoolGuideController {
  constructor(private readonly guide: SchoolGuideService) {}

  @Post()
  @Roles('SCHOOL_OFFICER')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send the enrolment guide (就学案内) for a school year to the guardians, in their language',
    description:
      'Guardians of children entering elementary or lower secondary school that year, and of school-age ' +
      'newcomers attending no school. Queued; follow it with GET. One guide per guardian and year, however ' +
      'often it is dispatched.',
  })
  @ApiAcceptedResponse({ type: GuideDispatchResponse })
  dispatch(@Ctx() ctx: RequestContext, @Body() body: RequestGuideDispatchDto): Promise<GuideDispatchResponse> {
    return this.guide.request(ctx, body.schoolYear);
  }

  @Get()
  @Roles('SCHOOL_OFFICER')
  @ApiOperation({ summary: 'The latest dispatches of the guide, newest first' })
  @ApiOkResponse({ type: [GuideDispatchResponse] })
  list(@Ctx() ctx: RequestContext): Promise<GuideDispatchResponse[]> {
    return this.guide.list(ctx);
  }

  @Get(':id')
  @Roles('SCHOOL_OFFICER')
  @ApiOperation({ summary: 'A dispatch: its progress and counts' })
  @ApiOkResponse({ type: GuideDispatchResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<GuideDispatchResponse> {
    return this.guide.get(ctx, id);
  }
}

function schoolYearParam(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 2000 || year > 2100) {
    throw ProblemException.validation([{ field: 'schoolYear', reason: 'must be a year between 2000 and 2100' }]);
  }
  return year;
}
