import { Body, Controller, Injectable, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  Ctx,
  DomainEvents,
  IsCalendarDate,
  ProblemException,
  Roles,
  UuidParam,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { Type } from 'class-transformer';
import {
  buildMessage,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { EmploymentRecordResponse, EmploymentRecordsService } from './employment-records.js';

/** Present means "set" (null clears it); absent means "leave as is". */
const Nullable = () => IsOptional();
/** May be left out on update, never cleared. */
const NotNull = () => ValidateIf((_: object, value: unknown) => value !== undefined);
/**
 * A number with at most two decimal places. class-validator's `maxDecimalPlaces` throws (a 500) on
 * numbers it prints without a ".", such as 1e-7.
 */
const IsHours = () =>
  ValidateBy({
    name: 'isHours',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number(value.toFixed(2)) === value,
      defaultMessage: buildMessage((each) => `${each}$property must be a number with at most 2 decimal places`),
    },
  });

export class ManualEmployerDto {
  @ApiProperty({ example: '株式会社浜松部品' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1234567890123', description: '法人番号 (13 digits)' })
  @Nullable()
  @Matches(/^[0-9]{13}$/, { message: 'corporateNumber must be 13 digits' })
  corporateNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(200)
  establishmentName?: string | null;

  @ApiProperty({ description: 'A corporation (法人) rather than a sole proprietor' })
  @IsBoolean()
  isCorporation: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Employees insured at the establishment' })
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  insuredHeadcount?: number | null;
}

class EmploymentTermsDto {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @Nullable()
  @IsCalendarDate()
  separatedOn?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 168 })
  @Nullable()
  @IsHours()
  @Min(0)
  @Max(168)
  weeklyContractHours?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Yen a month' })
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  monthlyScheduledWage?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(200)
  occupation?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Insured under employment insurance' })
  @Nullable()
  @IsBoolean()
  eiInsured?: boolean | null;

  @ApiPropertyOptional({ description: 'Dispatched or subcontracted work' })
  @NotNull()
  @IsBoolean()
  dispatch?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'End of a fixed-term contract' })
  @Nullable()
  @IsCalendarDate()
  contractEnd?: string | null;
}

export class CreateEmploymentRecordDto extends EmploymentTermsDto {
  @ApiProperty({ type: ManualEmployerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ManualEmployerDto)
  employer: ManualEmployerDto;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  hiredOn: string;
}

export class UpdateEmploymentRecordDto extends EmploymentTermsDto {
  @ApiProperty() @IsInt() version: number;

  @ApiPropertyOptional({ format: 'date' })
  @NotNull()
  @IsCalendarDate()
  hiredOn?: string;
}

/**
 * Employment entered by hand: what a resident tells a counselor (a job the employer has not reported
 * yet, a side job) and corrections of what employers reported (hours, wage, the day it ended).
 * Each change feeds the insurance rules like a report does (`employment.changed`).
 */
@Injectable()
export class ManualEmploymentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly records: EmploymentRecordsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async create(
    ctx: RequestContext,
    residentId: string,
    input: CreateEmploymentRecordDto,
  ): Promise<EmploymentRecordResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, residentId);
    this.checkDates(input.hiredOn, input.separatedOn ?? null, input.contractEnd ?? null);
    const id = await this.dataSource.transaction(async (tx) => {
      const employerId = await this.employer(tx, input.employer);
      const [row] = await tx.query(
        `INSERT INTO employment_record (resident_id, municipality_code, employer_id, hired_on, separated_on,
                                        weekly_contract_hours, monthly_scheduled_wage, occupation, ei_insured, dispatch,
                                        contract_end, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'MANUAL') RETURNING id`,
        [
          residentId,
          municipalityCode,
          employerId,
          input.hiredOn,
          input.separatedOn ?? null,
          input.weeklyContractHours ?? null,
          input.monthlyScheduledWage ?? null,
          input.occupation ?? null,
          input.eiInsured ?? null,
          input.dispatch ?? false,
          input.contractEnd ?? null,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'employment_record.create',
          entity: 'employment_record',
          entityId: row.id,
          residentId,
          diff: { employer: input.employer.name, hiredOn: input.hiredOn, separatedOn: input.separatedOn ?? null },
        },
        tx,
      );
      return row.id as string;
    });
    await this.events.publish('employment.changed', { residentId, municipalityCode });
    return this.one(ctx, residentId, id);
  }

  async update(
    ctx: RequestContext,
    residentId: string,
    recordId: string,
    input: UpdateEmploymentRecordDto,
  ): Promise<EmploymentRecordResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, residentId);
    await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT hired_on::text AS hired_on, separated_on::text AS separated_on, contract_end::text AS contract_end,
                weekly_contract_hours::float8 AS weekly_contract_hours, monthly_scheduled_wage, version
           FROM employment_record WHERE id = $1 AND resident_id = $2 FOR UPDATE`,
        [recordId, residentId],
      );
      if (!before) throw ProblemException.notFound('Employment record');
      if (before.version !== input.version) throw ProblemException.staleVersion('The employment record', input.version);
      const pick = <K extends keyof UpdateEmploymentRecordDto>(key: K, current: unknown) =>
        input[key] !== undefined ? input[key] : current;
      const hiredOn = pick('hiredOn', before.hired_on) as string;
      const separatedOn = pick('separatedOn', before.separated_on) as string | null;
      const contractEnd = pick('contractEnd', before.contract_end) as string | null;
      this.checkDates(hiredOn, separatedOn, contractEnd);
      await tx.query(
        `UPDATE employment_record SET hired_on = $3, separated_on = $4, contract_end = $5,
                weekly_contract_hours = CASE WHEN $6::boolean THEN $7::numeric ELSE weekly_contract_hours END,
                monthly_scheduled_wage = CASE WHEN $8::boolean THEN $9::int ELSE monthly_scheduled_wage END,
                occupation = CASE WHEN $10::boolean THEN $11 ELSE occupation END,
                ei_insured = CASE WHEN $12::boolean THEN $13::boolean ELSE ei_insured END,
                dispatch = coalesce($14, dispatch),
                version = version + 1, updated_at = now()
          WHERE id = $1 AND resident_id = $2`,
        [
          recordId,
          residentId,
          hiredOn,
          separatedOn,
          contractEnd,
          input.weeklyContractHours !== undefined,
          input.weeklyContractHours ?? null,
          input.monthlyScheduledWage !== undefined,
          input.monthlyScheduledWage ?? null,
          input.occupation !== undefined,
          input.occupation ?? null,
          input.eiInsured !== undefined,
          input.eiInsured ?? null,
          input.dispatch ?? null,
        ],
      );
      const changed = Object.fromEntries(
        Object.entries(input).filter(([key, value]) => key !== 'version' && value !== undefined),
      );
      await this.audit.record(
        ctx,
        {
          action: 'employment_record.update',
          entity: 'employment_record',
          entityId: recordId,
          residentId,
          diff: changed,
        },
        tx,
      );
    });
    await this.events.publish('employment.changed', { residentId, municipalityCode });
    return this.one(ctx, residentId, recordId);
  }

  private async one(ctx: RequestContext, residentId: string, id: string): Promise<EmploymentRecordResponse> {
    const found = (await this.records.list(ctx, residentId)).find((record) => record.id === id);
    if (!found) throw ProblemException.notFound('Employment record');
    return found;
  }

  /** The employer as on record (by corporate number or name and establishment), created when new. */
  private async employer(tx: EntityManager, employer: ManualEmployerDto): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO employer (corporate_number, name, establishment_name, is_corporation, insured_headcount)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((coalesce(corporate_number, '')), name, (coalesce(establishment_name, '')))
       DO UPDATE SET insured_headcount = coalesce(EXCLUDED.insured_headcount, employer.insured_headcount),
                     updated_at = now()
       RETURNING id`,
      [
        employer.corporateNumber ?? null,
        employer.name,
        employer.establishmentName ?? null,
        employer.isCorporation,
        employer.insuredHeadcount ?? null,
      ],
    );
    return row.id;
  }

  private checkDates(hiredOn: string, separatedOn: string | null, contractEnd: string | null): void {
    if (separatedOn !== null && separatedOn < hiredOn) {
      throw ProblemException.validation([{ field: 'separatedOn', reason: 'must be on or after hiredOn' }]);
    }
    if (contractEnd !== null && contractEnd < hiredOn) {
      throw ProblemException.validation([{ field: 'contractEnd', reason: 'must be on or after hiredOn' }]);
    }
  }
}

@ApiTags('employment')
@Controller('residents/:id/employment-records')
export class ManualEmploymentController {
  constructor(private readonly manual: ManualEmploymentService) {}

  @Post()
  @Roles('PESO_COUNSELOR', 'CITY_CASEWORKER')
  @ApiOperation({
    summary: 'Record an employment by hand (what the resident reports; the employer is created when new)',
  })
  @ApiCreatedResponse({ type: EmploymentRecordResponse })
  create(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateEmploymentRecordDto,
  ): Promise<EmploymentRecordResponse> {
    return this.manual.create(ctx, id, body);
  }

  @Patch(':recordId')
  @Roles('PESO_COUNSELOR', 'CITY_CASEWORKER')
  @ApiOperation({
    summary:
      'Correct an employment record: hours, wage, insurance, the day it ended (optimistic concurrency on version)',
  })
  @ApiOkResponse({ type: EmploymentRecordResponse })
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @UuidParam('recordId') recordId: string,
    @Body() body: UpdateEmploymentRecordDto,
  ): Promise<EmploymentRecordResponse> {
    return this.manual.update(ctx, id, recordId, body);
  }
}
