import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMUNICATION_LEVELS, REGISTRY_CATEGORIES, SEXES } from '../validation/resident-rules.js';

// What the registry's endpoints answer, for the OpenAPI document (and the web UI's generated
// client). Fields a role may not see are absent from the answer, hence optional here.

const text = (description?: string) => ApiPropertyOptional({ type: String, nullable: true, description });
const date = (description?: string) =>
  ApiPropertyOptional({ type: String, format: 'date', nullable: true, description });

export class ResidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Send as If-Match when changing the record' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @text() municipalityCode?: string;
  @text('The register key (city staff only)') residentKey?: string | null;
  @text() familyName?: string;
  @text() givenName?: string | null;
  @text() middleName?: string | null;
  @text() kanjiName?: string | null;
  @text('通称') commonName?: string | null;
  @text() commonNameKana?: string | null;
  @text() kanaName?: string | null;
  @date() birthDate?: string;
  @ApiPropertyOptional({ enum: SEXES }) sex?: (typeof SEXES)[number];
  @text('ISO 3166-1 alpha-2') nationality?: string;
  @ApiPropertyOptional({ enum: REGISTRY_CATEGORIES }) registryCategory?: (typeof REGISTRY_CATEGORIES)[number];
  @text() statusCode?: string | null;
  @text() statusSubtype?: string | null;
  @text() stayPeriod?: string | null;
  @date() stayExpiryDate?: string | null;
  @text('The last 4 characters of the residence card (city staff only)') residenceCardLast4?: string | null;
  @text() postalCode?: string | null;
  @text() address?: string | null;
  @date() movedInOn?: string | null;
  @date() movedOutOn?: string | null;
  @text('BCP 47') preferredLanguage?: string | null;
  @ApiPropertyOptional({ enum: COMMUNICATION_LEVELS, nullable: true })
  communicationLevel?: (typeof COMMUNICATION_LEVELS)[number] | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) householdId?: string | null;
}

export class ResidentPageResponse {
  @ApiProperty({ type: [ResidentResponse] }) items: ResidentResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor: string | null;
}

export class StatusChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ enum: REGISTRY_CATEGORIES }) registryCategory: string;
  @ApiProperty({ type: String, nullable: true }) statusCode: string | null;
  @ApiProperty({ type: String, nullable: true }) statusSubtype: string | null;
  @ApiProperty({ type: String, nullable: true }) stayPeriod: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) stayExpiryDate: string | null;
  @ApiProperty({ enum: ['API', 'IMPORT'] }) source: 'API' | 'IMPORT';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StatusHistoryResponse {
  @ApiProperty({ type: [StatusChangeResponse] }) items: StatusChangeResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: null;
}

export class HouseholdResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ type: String, nullable: true }) householdKey: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) headResidentId: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [ResidentResponse] }) members: ResidentResponse[];
}

export class ImportRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] }) status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  @ApiProperty({ type: String, nullable: true, enum: ['UTF-8', 'CP932'] }) encoding: string | null;
  @ApiProperty({ description: '0–100; 100 only when DONE' }) percent: number;
  @ApiProperty() processedRows: number;
  @ApiProperty() insertedRows: number;
  @ApiProperty() updatedRows: number;
  @ApiProperty() unchangedRows: number;
  @ApiProperty() failedRows: number;
  @ApiProperty({ type: [String], description: 'Columns of the file that are not imported' }) unknownColumns: string[];
  @ApiProperty({ type: String, nullable: true }) failure: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
