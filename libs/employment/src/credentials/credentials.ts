import { Body, Controller, Get, HttpCode, Injectable, Post } from '@nestjs/common';
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
import { Ctx, IsCalendarDate, ProblemException, Roles, UuidParam, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';

export const VERIFICATIONS = ['CLAIMED', 'DOCUMENT_SEEN', 'VERIFIED_ONLINE', 'EVALUATED'] as const;

export class CreateCredentialDto {
  @ApiProperty({ example: 'Bachelor of Engineering (Mechanical)' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: 'VN', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'issuingCountry must be two capital letters (ISO 3166-1 alpha-2)' })
  issuingCountry: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) issuer?: string;
  @ApiPropertyOptional({ example: 'Mechanical engineering' }) @IsOptional() @IsString() @MaxLength(200) field?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 8, description: 'ISCED 2011 level (6 bachelor, 7 master, 8 doctor)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(8)
  iscedLevel?: number;

  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() awardedOn?: string;

  @ApiProperty({ enum: VERIFICATIONS })
  @IsIn(VERIFICATIONS)
  verification: (typeof VERIFICATIONS)[number];

  @ApiPropertyOptional({ description: 'Who evaluated it (required for EVALUATED)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  evaluator?: string;

  @ApiPropertyOptional({ description: 'Where the online record is (required for VERIFIED_ONLINE)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  onlineRecordRef?: string;
}

export class CredentialResponse extends CreateCredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() version: number;
}

const COLUMNS = `id, resident_id, title, issuing_country, issuer, field, isced_level, awarded_on::text AS awarded_on,
  verification, evaluator, online_record_ref, version`;

function credentialOf(row: Record<string, unknown>): CredentialResponse {
  const optional = (value: unknown) => (value === null ? undefined : value);
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    title: row.title as string,
    issuingCountry: row.issuing_country as string,
    issuer: optional(row.issuer) as string | undefined,
    field: optional(row.field) as string | undefined,
    iscedLevel: optional(row.isced_level) as number | undefined,
    awardedOn: optional(row.awarded_on) as string | undefined,
    verification: row.verification as CredentialResponse['verification'],
    evaluator: optional(row.evaluator) as string | undefined,
    onlineRecordRef: optional(row.online_record_ref) as string | undefined,
    version: row.version as number,
  };
}

/** Qualifications obtained abroad: counselors match them to jobs, the city caseworker sees them too. */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, residentId: string): Promise<CredentialResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM foreign_credential WHERE resident_id = $1 ORDER BY awarded_on DESC NULLS LAST, title`,
      [residentId],
    );
    await this.audit.record(ctx, { action: 'credential.read', entity: 'resident', entityId: residentId, residentId });
    return rows.map(credentialOf);
  }

  async create(ctx: RequestContext, residentId: string, input: CreateCredentialDto): Promise<CredentialResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    if (input.verification === 'EVALUATED' && !input.evaluator) {
      throw ProblemException.validation([
        { field: 'evaluator', reason: 'an evaluated credential names its evaluator' },
      ]);
    }
    if (input.verification === 'VERIFIED_ONLINE' && !input.onlineRecordRef) {
      throw ProblemException.validation([
        { field: 'onlineRecordRef', reason: 'a credential verified online says where its record is' },
      ]);
    }
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO foreign_credential (resident_id, title, issuing_country, issuer, field, isced_level, awarded_on,
                                         verification, evaluator, online_record_ref, recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          residentId,
          input.title,
          input.issuingCountry,
          input.issuer ?? null,
          input.field ?? null,
          input.iscedLevel ?? null,
          input.awardedOn ?? null,
          input.verification,
          input.evaluator ?? null,
          input.onlineRecordRef ?? null,
          ctx.principal?.userId ?? null,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'credential.create',
          entity: 'foreign_credential',
          entityId: row.id,
          residentId,
          diff: { verification: input.verification },
        },
        tx,
      );
      return credentialOf(row);
    });
  }
}

@ApiTags('employment')
@Controller('residents/:id/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get()
  @Roles('PESO_COUNSELOR', 'CITY_CASEWORKER')
  @ApiOperation({ summary: "The resident's foreign credentials with their verification" })
  @ApiOkResponse({ type: [CredentialResponse] })
  list(@Ctx() ctx: RequestContext, @UuidParam() id: string): Promise<CredentialResponse[]> {
    return this.credentials.list(ctx, id);
  }

  @Post()
  @Roles('PESO_COUNSELOR')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a foreign credential (claimed, document seen, verified online or evaluated)' })
  @ApiCreatedResponse({ type: CredentialResponse })
  create(
    @Ctx() ctx: RequestContext,
    @UuidParam() id: string,
    @Body() body: CreateCredentialDto,
  ): Promise<CredentialResponse> {
    return this.credentials.create(ctx, id, body);
  }
}
