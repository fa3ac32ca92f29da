import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Ctx, Roles, UuidParam, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';

export class EmploymentRecordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() employerName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) establishmentName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) corporateNumber: string | null;
  @ApiProperty() employerIsCorporation: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) employerInsuredHeadcount: number | null;
  @ApiProperty({ format: 'date' }) hiredOn: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) separatedOn: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) weeklyContractHours: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) monthlyScheduledWage: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) occupation: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) eiInsured: boolean | null;
  @ApiProperty() dispatch: boolean;
  @ApiProperty({ enum: ['EMPLOYER_REPORT', 'MANUAL'] }) source: string;
  @ApiProperty() version: number;
}

/** What a current employment record tells the insurance rules (names as the obligations engine reads them). */
export interface EmploymentFacts {
  employmentRecordId: string;
  employerName: string;
  facts: {
    isEmployed: true;
    weeklyContractHours?: number;
    monthlyScheduledWage?: number;
    employerIsCorporation: boolean;
    employerInsuredHeadcount?: number;
    expectedEmploymentMonths: number;
    expectedEmploymentDays?: number;
  };
}

/** A contract without a fixed term is expected to last; 100 years stands for that. */
const NO_FIXED_TERM_MONTHS = 1200;

/** A resident's employment history, newest first: what employers reported, and what was entered. */
@Injectable()
export class EmploymentRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  /**
   * For alerts: employers' reports about a municipality's residents that reached PESO after their
   * legal deadline (among `residentIds` when given).
   */
  async lateReportsOf(
    municipalityCode: string,
    residentIds: readonly string[] | null,
  ): Promise<Array<{ reportId: string; residentId: string; daysLate: number; deadline: string }>> {
    const rows: Array<{ id: string; resident_id: string; days_late: number; deadline: string }> =
      await this.dataSource.query(
        `SELECT p.import_id || '-' || p.seq AS id, p.resident_id, p.days_late, p.deadline::text AS deadline
           FROM employer_report p JOIN resident_register r ON r.id = p.resident_id
          WHERE r.municipality_code = $1 AND p.days_late > 0
            AND ($2::uuid[] IS NULL OR p.resident_id = ANY ($2::uuid[]))`,
        [municipalityCode, residentIds],
      );
    return rows.map((row) => ({
      reportId: row.id,
      residentId: row.resident_id,
      daysLate: row.days_late,
      deadline: row.deadline,
    }));
  }

  /**
   * The employment each resident has on the date (the record with the most hours when several),
   * for the named residents or everyone employed in a municipality. The public read the insurance
   * rules use; a hire reported without a contract end counts as employment without a fixed term.
   */
  async employedOn(
    who: { residentIds: readonly string[] } | { municipalityCode: string },
    on: string,
  ): Promise<Map<string, EmploymentFacts>> {
    const byResidents = 'residentIds' in who;
    const rows: Array<{
      id: string;
      resident_id: string;
      name: string;
      is_corporation: boolean;
      insured_headcount: number | null;
      weekly_contract_hours: number | null;
      monthly_scheduled_wage: number | null;
      contract_days: number | null;
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (er.resident_id) er.id, er.resident_id, e.name, e.is_corporation, e.insured_headcount,
              er.weekly_contract_hours::float8 AS weekly_contract_hours, er.monthly_scheduled_wage,
              er.contract_end - er.hired_on + 1 AS contract_days
         FROM employment_record er JOIN employer e ON e.id = er.employer_id
        WHERE ${byResidents ? 'er.resident_id = ANY ($1::uuid[])' : 'er.municipality_code = $1'}
          AND er.hired_on <= $2::date AND (er.separated_on IS NULL OR er.separated_on >= $2::date)
        ORDER BY er.resident_id, er.weekly_contract_hours DESC NULLS LAST, er.hired_on DESC`,
      [byResidents ? who.residentIds : who.municipalityCode, on],
    );
    return new Map(
      rows.map((row) => [
        row.resident_id,
        {
          employmentRecordId: row.id,
          employerName: row.name,
          facts: {
            isEmployed: true,
            ...(row.weekly_contract_hours === null ? {} : { weeklyContractHours: row.weekly_contract_hours }),
            ...(row.monthly_scheduled_wage === null ? {} : { monthlyScheduledWage: row.monthly_scheduled_wage }),
            employerIsCorporation: row.is_corporation,
            ...(row.insured_headcount === null ? {} : { employerInsuredHeadcount: row.insured_headcount }),
            ...(row.contract_days === null
              ? { expectedEmploymentMonths: NO_FIXED_TERM_MONTHS }
              : {
                  expectedEmploymentMonths: Math.floor((row.contract_days / 365.25) * 12 * 100) / 100,
                  expectedEmploymentDays: row.contract_days,
                }),
          },
        },
      ]),
    );
  }

  async list(ctx: RequestContext, residentId: string): Promise<EmploymentRecordResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT er.id, er.resident_id, e.name, e.establishment_name, e.corporate_number, e.is_corporation,
              e.insured_headcount, er.hired_on::text AS hired_on, er.separated_on::text AS separated_on,
              er.weekly_contract_hours::float8 AS weekly_contract_hours, er.monthly_scheduled_wage, er.occupation,
              er.ei_insured, er.dispatch, er.source, er.version
         FROM employment_record er JOIN employer e ON e.id = er.employer_id
        WHERE er.resident_id = $1 ORDER BY er.hired_on DESC, er.id`,
      [residentId],
    );
    await this.audit.record(ctx, {
      action: 'employment_record.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
    });
    return rows.map((row) => ({
      id: row.id as string,
      residentId: row.resident_id as string,
      employerName: row.name as string,
      establishmentName: row.establishment_name as string | null,
      corporateNumber: row.corporate_number as string | null,
      employerIsCorporation: row.is_corporation as boolean,
      employerInsuredHeadcount: row.insured_headcount as number | null,
      hiredOn: row.hired_on as string,
      separatedOn: row.separated_on as string | null,
      weeklyContractHours: row.weekly_contract_hours as number | null,
      monthlyScheduledWage: row.monthly_scheduled_wage as number | null,
      occupation: row.occupation as string | null,
      eiInsured: row.ei_insured as boolean | null,
      dispatch: row.dispatch as boolean,
      source: row.source as string,
      version: row.version as number,
    }));
  }
}

@ApiTags('employment')
@Controller('residents/:id/employment-records')
export class EmploymentRecordsController {
  constructor(private readonly records: EmploymentRecordsService) {}

  @Get()
  @Roles('PESO_COUNSELOR', 'CITY_CASEWORKER')
  @ApiOperation({ summary: "The resident's employment history from employers' reports, newest first" })
  @ApiOkResponse({ type: [EmploymentRecordResponse] })
  list(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<EmploymentRecordResponse[]> {
    return this.records.list(ctx, id);
  }
}
