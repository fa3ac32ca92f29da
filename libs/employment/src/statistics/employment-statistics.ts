import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Ctx, IsCalendarDate, officeDate, Roles, type RequestContext } from '@app/platform';
import { IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';

export class EmploymentStatisticsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today (Asia/Tokyo)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

class NationalityCount {
  @ApiProperty() nationality: string;
  @ApiProperty() workers: number;
}

export class EmploymentStatisticsResponse {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ description: 'Foreign workers employed on the date, as foreign-employment reporting counts them' })
  workers: number;
  @ApiProperty({ description: 'Of them, insured in Employment Insurance' }) eiInsured: number;
  @ApiProperty({ description: 'Establishments employing them' }) establishments: number;
  @ApiProperty({ type: [NationalityCount] }) byNationality: NationalityCount[];
}

/**
 * The PESO's own figures of foreign workers in its jurisdiction on a date. Special permanent
 * residents, Diplomat and Official are outside foreign-employment reporting, so outside these
 * counts too (domain reference §4).
 */
@Injectable()
export class EmploymentStatisticsService {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async of(ctx: RequestContext, on?: string): Promise<EmploymentStatisticsResponse> {
    const date = on ?? officeDate(this.clock.now());
    const rows: Array<{ nationality: string; workers: number; ei_insured: number; establishments: number }> =
      await this.dataSource.query(
        `WITH employed AS (
           SELECT DISTINCT ON (er.resident_id) er.resident_id, er.employer_id, er.ei_insured, r.nationality
             FROM employment_record er JOIN resident_register r ON r.id = er.resident_id
            WHERE er.municipality_code = ANY ($1::char(6)[])
              AND er.hired_on <= $2::date AND (er.separated_on IS NULL OR er.separated_on >= $2::date)
              AND r.registry_category <> 'SPECIAL_PERMANENT'
              AND (r.status_code IS NULL OR r.status_code NOT IN ('SPECIAL_PERMANENT', 'DIPLOMAT', 'OFFICIAL'))
            ORDER BY er.resident_id, er.ei_insured DESC NULLS LAST)
         SELECT coalesce(nationality, '') AS nationality, count(*)::int AS workers,
                count(*) FILTER (WHERE ei_insured)::int AS ei_insured,
                count(DISTINCT employer_id)::int AS establishments
           FROM employed GROUP BY ROLLUP (nationality) ORDER BY workers DESC, nationality`,
        [ctx.principal?.municipalityCodes ?? [], date],
      );
    const total = rows.find((row) => row.nationality === '') ?? { workers: 0, ei_insured: 0, establishments: 0 };
    return {
      on: date,
      workers: total.workers,
      eiInsured: total.ei_insured,
      establishments: total.establishments,
      byNationality: rows
        .filter((row) => row.nationality !== '')
        .map((row) => ({ nationality: row.nationality, workers: row.workers })),
    };
  }
}

@ApiTags('employment')
@Controller('employment-statistics')
export class EmploymentStatisticsController {
  constructor(private readonly statistics: EmploymentStatisticsService) {}

  @Get()
  @Roles('PESO_COUNSELOR')
  @ApiOperation({
    summary:
      'Foreign workers in your jurisdiction on a date (special permanent residents, Diplomat, Official excluded)',
  })
  @ApiOkResponse({ type: EmploymentStatisticsResponse })
  of(@Ctx() ctx: RequestContext, @Query() query: EmploymentStatisticsQueryDto): Promise<EmploymentStatisticsResponse> {
    return this.statistics.of(ctx, query.on);
  }
}
