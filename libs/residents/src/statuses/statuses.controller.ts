import { Controller, Get, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@app/platform';
import { DataSource } from 'typeorm';

export class StatusOfResidenceResponse {
  @ApiProperty({ example: 'TITP_2' }) code: string;
  @ApiProperty({ example: '技能実習2号' }) nameJa: string;
  @ApiProperty({ example: 'Technical Intern Training (ii)' }) nameEn: string;
  @ApiProperty({ description: 'Appended table of the Immigration Control Act', example: '1-2' }) actTable: string;
  @ApiProperty({
    enum: ['WITHIN_STATUS', 'RESTRICTED', 'DESIGNATED_EMPLOYER', 'NOT_PERMITTED', 'DESIGNATION', 'UNRESTRICTED'],
  })
  workRule: string;
  @ApiProperty({ description: 'Whether holders get a residence card' }) residenceCard: boolean;
  @ApiProperty({ type: [String], example: ['I', 'RO'] }) subtypes: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveTo: string | null;
}

export class StatusesOfResidenceResponse {
  @ApiProperty({ type: [StatusOfResidenceResponse] }) items: StatusOfResidenceResponse[];
}

/** The statuses of residence (domain reference §1.2): reference data, changed only by migrations. */
@Injectable()
export class StatusesService {
  private cached?: Promise<StatusOfResidenceResponse[]>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<StatusOfResidenceResponse[]> {
    this.cached ??= this.dataSource
      .query(
        `SELECT code, name_ja AS "nameJa", name_en AS "nameEn", act_table AS "actTable", work_rule AS "workRule",
                residence_card AS "residenceCard", subtypes, effective_from AS "effectiveFrom",
                effective_to AS "effectiveTo"
           FROM status_of_residence ORDER BY act_table, code`,
      )
      .catch((error: Error) => {
        this.cached = undefined;
        throw error;
      });
    return this.cached;
  }
}

@ApiTags('residents')
@Controller('statuses-of-residence')
export class StatusesController {
  constructor(private readonly statuses: StatusesService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The statuses of residence with their names, work rules, subtypes and dates in force' })
  @ApiOkResponse({ type: StatusesOfResidenceResponse })
  async list(): Promise<StatusesOfResidenceResponse> {
    return { items: await this.statuses.list() };
  }
}
