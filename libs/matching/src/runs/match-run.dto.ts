import { IsMunicipalityCode } from '@app/identity';
import { PageQueryDto } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

/** Where an external file comes from: verdicts are remembered per source and record reference. */
export const MATCH_SOURCES = ['CITY_NHI_ROLL', 'PESO_EI_REPORT', 'EMPLOYER_REPORT', 'PENSION_RECORD', 'OTHER'] as const;
export type MatchSource = (typeof MATCH_SOURCES)[number];

export const MATCH_DECISIONS = ['matched', 'review', 'unmatched'] as const;
export const REVIEW_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;

export class StartMatchRunQueryDto {
  @ApiPropertyOptional({ description: "Defaults to your office's first municipality", example: '221309' })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @ApiPropertyOptional({ enum: MATCH_SOURCES, default: 'OTHER' })
  @IsOptional()
  @IsIn(MATCH_SOURCES)
  source?: MatchSource;
}

export class MatchRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ enum: MATCH_SOURCES }) source: MatchSource;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] }) status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['UTF-8', 'CP932'] }) encoding: string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) totalRows: number | null;
  @ApiProperty() processedRows: number;
  @ApiProperty() matchedRows: number;
  @ApiProperty() reviewRows: number;
  @ApiProperty() unmatchedRows: number;
  @ApiProperty({ description: 'Rows that could not be matched at all (see the errors download)' }) errorRows: number;
  @ApiPropertyOptional({ type: String, nullable: true }) failure: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class ReviewQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'PENDING' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: (typeof REVIEW_STATUSES)[number];
}

export class ReviewVerdictDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The candidate meant; defaults to the best candidate' })
  @IsOptional()
  @IsUUID()
  residentId?: string;
}

export class CandidateEvidence {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) residentKey: string | null;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'How closely the kana name fits the name form below' })
  nameSimilarity: number;
  @ApiProperty({
    enum: ['ALPHABET', 'KANJI', 'KANA', 'COMMON_KANA', 'COMMON'],
    description: 'The name form that fitted best',
  })
  form: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) alphabetSimilarity: number | null;
  @ApiProperty({ description: 'Matched only with day and month exchanged' }) birthDateSwapped: boolean;
  @ApiProperty() sexMatches: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) nationalityMatches: boolean | null;
  @ApiPropertyOptional({ description: "The resident's names and birth date, for the reviewer" })
  resident?: {
    familyName: string;
    givenName: string | null;
    middleName: string | null;
    kanaName: string | null;
    commonName: string | null;
    commonNameKana: string | null;
    birthDate: string;
    sex: string;
    nationality: string;
  };
}

export class MatchReviewItem {
  @ApiProperty() seq: number;
  @ApiProperty() line: number;
  @ApiProperty() sourceRef: string;
  @ApiPropertyOptional({ type: String, nullable: true }) kanaName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) birthDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sex: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) alphabetName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) nationality: string | null;
  @ApiProperty({ enum: MATCH_DECISIONS }) decision: string;
  @ApiProperty() score: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) residentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: REVIEW_STATUSES }) reviewStatus: string | null;
  @ApiProperty({ type: [CandidateEvidence] }) candidates: CandidateEvidence[];
}

export class MatchReviewPage {
  @ApiProperty({ type: [MatchReviewItem] }) items: MatchReviewItem[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
