import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { csvLine, Ctx, Roles, sendCsv, UuidParam, type Page, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { CoursesService } from './courses.service.js';
import {
  AbsenceSignalResponse,
  AssessmentResponse,
  CloseCourseResponse,
  CoursePage,
  CourseQueryDto,
  CourseResponse,
  CreateAssessmentDto,
  CreateCourseDto,
  CreateSessionDto,
  EnrollDto,
  EnrollmentResponse,
  RecordCourseAttendanceDto,
  RecordCourseAttendanceResponse,
  ResidentLanguageResponse,
  RosterEntryResponse,
  SessionResponse,
  UpdateCourseDto,
  UpdateEnrollmentDto,
  UpdateSessionDto,
} from './language.dto.js';
import { ProficiencyService } from './proficiency.service.js';

@ApiTags('language')
@Controller('language-courses')
export class LanguageCoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Post()
  @Roles('CITY_CASEWORKER')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule a Japanese-language course (provider, levels, language, capacity, dates)' })
  @ApiCreatedResponse({ type: CourseResponse })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateCourseDto): Promise<CourseResponse> {
    return this.courses.create(ctx, body);
  }

  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'Courses of your municipalities, latest start first, with places left and waitlist' })
  @ApiOkResponse({ type: CoursePage })
  list(@Ctx() ctx: RequestContext, @Query() query: CourseQueryDto): Promise<Page<CourseResponse>> {
    return this.courses.list(ctx, query);
  }

  @Get(':id')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: 'A course with its counts' })
  @ApiOkResponse({ type: CourseResponse })
  get(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CourseResponse> {
    return this.courses.get(ctx, id);
  }

  @Patch(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Change a course (version you read); more capacity enrolls people from the waitlist' })
  @ApiOkResponse({ type: CourseResponse })
  update(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: UpdateCourseDto): Promise<CourseResponse> {
    return this.courses.update(ctx, id, body);
  }

  @Post(':id/sessions')
  @Roles('CITY_CASEWORKER')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a session (class day) to the course' })
  @ApiCreatedResponse({ type: SessionResponse })
  addSession(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateSessionDto,
  ): Promise<SessionResponse> {
    return this.courses.addSession(ctx, id, body);
  }

  @Get(':id/sessions')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'The sessions of the course in date order' })
  @ApiOkResponse({ type: [SessionResponse] })
  sessions(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<SessionResponse[]> {
    return this.courses.sessions(ctx, id);
  }

  @Post(':id/enrollments')
  @Roles('CITY_CASEWORKER')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Enroll a resident; when the course is full they are waitlisted in request order (race-safe)',
  })
  @ApiCreatedResponse({ type: EnrollmentResponse })
  enroll(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Body() body: EnrollDto): Promise<EnrollmentResponse> {
    return this.courses.enroll(ctx, id, body.residentId);
  }

  @Get(':id/enrollments')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'The roster: enrolled learners with attendance, then the waitlist in order' })
  @ApiOkResponse({ type: [RosterEntryResponse] })
  roster(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<RosterEntryResponse[]> {
    return this.courses.roster(ctx, id);
  }

  @Get(':id/enrollments.csv')
  @Roles('CITY_CASEWORKER')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The roster as CSV' })
  async rosterCsv(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const roster = await this.courses.roster(ctx, id);
    async function* lines(): AsyncGenerator<string> {
      yield csvLine([
        'family_name',
        'given_name',
        'kana_name',
        'preferred_language',
        'status',
        'waitlist_position',
        'requested_at',
        'enrolled_on',
        'ended_on',
        'sessions_counted',
        'sessions_present',
        'attendance_percent',
      ]);
      for (const e of roster) {
        yield csvLine([
          e.familyName,
          e.givenName,
          e.kanaName,
          e.preferredLanguage,
          e.status,
          e.waitlistPosition,
          e.requestedAt,
          e.enrolledOn,
          e.endedOn,
          e.sessionsCounted,
          e.sessionsPresent,
          e.attendancePercent,
        ]);
      }
    }
    sendCsv(reply, lines(), `course-${id}-roster.csv`);
  }

  @Get(':id/attendance.csv')
  @Roles('CITY_CASEWORKER')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The attendance sheet: one line per learner, one column per session (P, A, E)' })
  async attendanceCsv(@Ctx() ctx: RequestContext, @UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const sheet = this.courses.attendanceSheet(ctx, id);
    // The first line is read before the response starts, so a missing course is still a 404.
    const first = await sheet.next();
    async function* lines(): AsyncGenerator<string> {
      if (!first.done) yield csvLine(first.value);
      for await (const values of sheet) yield csvLine(values);
    }
    sendCsv(reply, lines(), `course-${id}-attendance.csv`);
  }

  @Get(':id/absent-learners')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Learners absent from 3 or more recorded sessions in a row (for the coordinator)' })
  @ApiOkResponse({ type: [AbsenceSignalResponse] })
  absent(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<AbsenceSignalResponse[]> {
    return this.courses.absentLearners(ctx, id);
  }

  @Post(':id/close')
  @Roles('CITY_CASEWORKER')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close the course: enrolled learners at or above the completion share are COMPLETED, the others DROPPED',
  })
  @ApiOkResponse({ type: CloseCourseResponse })
  close(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CloseCourseResponse> {
    return this.courses.close(ctx, id);
  }
}

@ApiTags('language')
@Controller('course-sessions')
export class CourseSessionsController {
  constructor(private readonly courses: CoursesService) {}

  @Patch(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Move, retitle or cancel a session (version you read)' })
  @ApiOkResponse({ type: SessionResponse })
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: UpdateSessionDto,
  ): Promise<SessionResponse> {
    return this.courses.updateSession(ctx, id, body);
  }

  @Put(':id/attendance')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({ summary: 'Record attendance of the session (PRESENT, ABSENT, EXCUSED) for many learners at once' })
  @ApiOkResponse({ type: RecordCourseAttendanceResponse })
  attendance(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: RecordCourseAttendanceDto,
  ): Promise<RecordCourseAttendanceResponse> {
    return this.courses.recordAttendance(ctx, id, body);
  }
}

class EndEnrollmentResponse extends EnrollmentResponse {
  @ApiPropertyOptional({ type: EnrollmentResponse, nullable: true, description: 'Who got the freed place, if anyone' })
  promoted: EnrollmentResponse | null;
}

@ApiTags('language')
@Controller('enrollments')
export class EnrollmentsController {
  constructor(private readonly courses: CoursesService) {}

  @Patch(':id')
  @Roles('CITY_CASEWORKER')
  @ApiOperation({
    summary: 'Withdraw or drop a learner (version you read); a freed place goes to the first on the waitlist',
  })
  @ApiOkResponse({ type: EndEnrollmentResponse })
  end(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: UpdateEnrollmentDto,
  ): Promise<EnrollmentResponse & { promoted: EnrollmentResponse | null }> {
    return this.courses.end(ctx, id, body);
  }
}

@ApiTags('language')
@Controller('residents/:id')
export class ResidentLanguageController {
  constructor(private readonly proficiency: ProficiencyService) {}

  @Get('language')
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: "A resident's Japanese: latest level per framework, all assessments, courses taken" })
  @ApiOkResponse({ type: ResidentLanguageResponse })
  language(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<ResidentLanguageResponse> {
    return this.proficiency.ofResident(ctx, id);
  }

  @Post('proficiency-assessments')
  @Roles('CITY_CASEWORKER')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a proficiency assessment (JLPT N5–N1, JF_STANDARD A1–C2, JFT_BASIC, SCHOOL_DLA 1–6)',
  })
  @ApiCreatedResponse({ type: AssessmentResponse })
  assess(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateAssessmentDto,
  ): Promise<AssessmentResponse> {
    return this.proficiency.record(ctx, id, body);
  }
}
