import { Body, Controller, Get, Injectable, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Ctx, IsCalendarDate, ProblemException, Roles, UuidParam, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { partTimeBreaches, type LimitBreach } from './part-time-limit.js';

export const JOB_HUNTING_STATUSES = [
  'NOT_STARTED',
  'SEARCHING',
  'OFFER_RECEIVED',
  'CHANGE_APPLIED',
  'STATUS_CHANGED',
  'LEFT_JAPAN',
] as const;

/** Statuses whose holders this record is for: students, and graduates job hunting on Designated Activities. */
const STUDENT_STATUSES = ['STUDENT', 'DESIGNATED'];

class Period {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() from: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() to: string;
}

export class PutJobHuntingDto {
  @ApiProperty({ description: 'The version you read; 0 when none was recorded yet' })
  @IsInt()
  @Min(0)
  version: number;

  @ApiProperty({ enum: JOB_HUNTING_STATUSES })
  @IsIn(JOB_HUNTING_STATUSES)
  status: (typeof JOB_HUNTING_STATUSES)[number];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) schoolName?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() graduationDate?: string;
  @ApiPropertyOptional({ description: 'The job needs a change of status' })
  @IsOptional()
  @IsBoolean()
  changeNeeded?: boolean;

  @ApiPropertyOptional({ example: 'ENGINEER_HUMANITIES' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'targetStatusCode must be a status code such as ENGINEER_HUMANITIES' })
  targetStatusCode?: string;

  @ApiPropertyOptional({ format: 'date', description: 'End of the Designated Activities job-hunting period' })
  @IsOptional()
  @IsCalendarDate()
  jobHuntingUntil?: string;

  @ApiPropertyOptional({ type: [Period], description: "The school's long vacations (8 hours a day allowed)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Period)
  longVacations?: Period[];
}

export class JobHuntingResponse {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiPropertyOptional({ enum: JOB_HUNTING_STATUSES, nullable: true, type: String }) status: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) schoolName: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) graduationDate: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) changeNeeded: boolean | null;
  @ApiPropertyOptional({ type: String, nullable: true }) targetStatusCode: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) jobHuntingUntil: string | null;
  @ApiProperty({ type: [Period] }) longVacations: Period[];
  @ApiProperty({ description: '0 when nothing is recorded' }) version: number;
}

class WorkDayInput {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() date: string;
  @ApiProperty({ minimum: 0.25, maximum: 24 }) @IsNumber() @Min(0.25) @Max(24) hours: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) employerName?: string;
}

export class RecordPartTimeHoursDto {
  @ApiProperty({ type: [WorkDayInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => WorkDayInput)
  days: WorkDayInput[];
}

export class PartTimeHoursQueryDto {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() from: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() to: string;
}

class Breach {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() hours: number;
  @ApiProperty() limit: number;
  @ApiProperty({ enum: ['WEEKLY_28', 'VACATION_DAILY_8'] }) rule: string;
}

export class PartTimeHoursResponse {
  @ApiProperty({ type: [WorkDayInput] }) days: WorkDayInput[];
  @ApiProperty({ type: [Breach], description: 'Every 7-day window over 28 hours, every vacation day over 8' })
  breaches: LimitBreach[];
}

/** International students' job hunting and their part-time hours against the 28-hour limit. */
@Injectable()
export class StudentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  async jobHunting(ctx: RequestContext, residentId: string): Promise<JobHuntingResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const [row] = await this.dataSource.query(`SELECT * FROM student_job_hunt WHERE resident_id = $1`, [residentId]);
    await this.audit.record(ctx, { action: 'job_hunting.read', entity: 'resident', entityId: residentId, residentId });
    return jobHuntingOf(residentId, row);
  }

  async putJobHunting(ctx: RequestContext, residentId: string, input: PutJobHuntingDto): Promise<JobHuntingResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const status = (await this.directory.statusesOf([residentId])).get(residentId)?.statusCode ?? null;
    if (!STUDENT_STATUSES.includes(status ?? '')) {
      throw ProblemException.validation([
        {
          field: 'residentId',
          reason: 'the job-hunting record is for residents with Student or Designated Activities',
        },
      ]);
    }
    const row = await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT version FROM student_job_hunt WHERE resident_id = $1 FOR UPDATE`, [
        residentId,
      ]);
      if ((before?.version ?? 0) !== input.version) {
        throw ProblemException.staleVersion('The job-hunting record', input.version);
      }
      const values = [
        residentId,
        input.schoolName ?? null,
        input.graduationDate ?? null,
        input.status,
        input.changeNeeded ?? null,
        input.targetStatusCode ?? null,
        input.jobHuntingUntil ?? null,
        JSON.stringify(input.longVacations ?? []),
        ctx.principal?.userId ?? null,
      ];
      const [saved] = await tx.query(
        `INSERT INTO student_job_hunt (resident_id, school_name, graduation_date, status, change_needed,
                                       target_status_code, job_hunting_until, long_vacations, updated_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (resident_id) DO UPDATE SET school_name = $2, graduation_date = $3, status = $4,
           change_needed = $5, target_status_code = $6, job_hunting_until = $7, long_vacations = $8,
           updated_by_user_id = $9, version = student_job_hunt.version + 1, updated_at = now()
         RETURNING *`,
        values,
      );
      await this.audit.record(
        ctx,
        {
          action: 'job_hunting.update',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { status: input.status },
        },
        tx,
      );
      return saved;
    });
    return jobHuntingOf(residentId, row);
  }

  /** Adds or replaces worked days (per employer), then answers the check for the days given. */
  async recordHours(
    ctx: RequestContext,
    residentId: string,
    input: RecordPartTimeHoursDto,
  ): Promise<PartTimeHoursResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO part_time_work_day (resident_id, work_date, employer_name, hours, recorded_by_user_id)
         SELECT $1, d.work_date, d.employer_name, d.hours, $5
           FROM unnest($2::date[], $3::text[], $4::numeric[]) AS d (work_date, employer_name, hours)
         ON CONFLICT (resident_id, work_date, employer_name) DO UPDATE SET hours = EXCLUDED.hours`,
        [
          residentId,
          input.days.map((day) => day.date),
          input.days.map((day) => day.employerName ?? ''),
          input.days.map((day) => day.hours),
          ctx.principal?.userId ?? null,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'part_time_hours.record',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: { days: input.days.length },
        },
        tx,
      );
    });
    const dates = input.days.map((day) => day.date).sort();
    return this.hours(ctx, residentId, { from: dates[0], to: dates[dates.length - 1] });
  }

  /** The worked days of a period and every breach of the limit in it (the 6 days before count too). */
  async hours(ctx: RequestContext, residentId: string, query: PartTimeHoursQueryDto): Promise<PartTimeHoursResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    if (query.to < query.from) throw ProblemException.validation([{ field: 'to', reason: 'must not be before from' }]);
    const rows: Array<{ date: string; hours: number; employer_name: string }> = await this.dataSource.query(
      `SELECT work_date::text AS date, hours::float8 AS hours, employer_name FROM part_time_work_day
        WHERE resident_id = $1 AND work_date BETWEEN $2::date - 6 AND $3::date ORDER BY work_date, employer_name`,
      [residentId, query.from, query.to],
    );
    const [hunt] = await this.dataSource.query(`SELECT long_vacations FROM student_job_hunt WHERE resident_id = $1`, [
      residentId,
    ]);
    await this.audit.record(ctx, {
      action: 'part_time_hours.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
    });
    const breaches = partTimeBreaches(rows, hunt?.long_vacations ?? []).filter((breach) => breach.to >= query.from);
    return {
      days: rows
        .filter((row) => row.date >= query.from)
        .map((row) => ({
          date: row.date,
          hours: row.hours,
          ...(row.employer_name ? { employerName: row.employer_name } : {}),
        })),
      breaches,
    };
  }
}

function jobHuntingOf(residentId: string, row: Record<string, unknown> | undefined): JobHuntingResponse {
  const date = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : (value as string | null);
  return {
    residentId,
    status: (row?.status as string) ?? null,
    schoolName: (row?.school_name as string) ?? null,
    graduationDate: date(row?.graduation_date ?? null),
    changeNeeded: (row?.change_needed as boolean) ?? null,
    targetStatusCode: (row?.target_status_code as string) ?? null,
    jobHuntingUntil: date(row?.job_hunting_until ?? null),
    longVacations: (row?.long_vacations as Period[]) ?? [],
    version: (row?.version as number) ?? 0,
  };
}

@ApiTags('employment')
@Controller('residents/:id')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Get('job-hunting')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: "An international student's job hunting: graduation, status, change of status needed" })
  @ApiOkResponse({ type: JobHuntingResponse })
  jobHunting(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<JobHuntingResponse> {
    return this.students.jobHunting(ctx, id);
  }

  @Put('job-hunting')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: 'Record it (Student or Designated Activities residents only); versioned' })
  @ApiOkResponse({ type: JobHuntingResponse })
  putJobHunting(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: PutJobHuntingDto,
  ): Promise<JobHuntingResponse> {
    return this.students.putJobHunting(ctx, id, body);
  }

  @Post('part-time-hours')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: 'Record worked days and get the 28-hour check for them' })
  @ApiOkResponse({ type: PartTimeHoursResponse })
  recordHours(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: RecordPartTimeHoursDto,
  ): Promise<PartTimeHoursResponse> {
    return this.students.recordHours(ctx, id, body);
  }

  @Get('part-time-hours')
  @Roles('PESO_COUNSELOR')
  @ApiOperation({ summary: 'Worked days of a period and every breach of the 28-hour limit (rolling 7 days)' })
  @ApiOkResponse({ type: PartTimeHoursResponse })
  hours(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Query() query: PartTimeHoursQueryDto,
  ): Promise<PartTimeHoursResponse> {
    return this.students.hours(ctx, id, query);
  }
}
