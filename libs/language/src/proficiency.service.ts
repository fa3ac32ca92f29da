import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import { enrollmentOf } from './courses.service.js';
import {
  LEVELS_OF,
  type AssessmentResponse,
  type CreateAssessmentDto,
  type ResidentLanguageResponse,
} from './language.dto.js';

const ASSESSMENT_COLUMNS = `id, framework, level, assessed_on::text AS assessed_on, assessor, score`;

function assessmentOf(row: Record<string, unknown>): AssessmentResponse {
  return {
    id: row.id as string,
    framework: row.framework as string,
    level: row.level as string,
    assessedOn: row.assessed_on as string,
    assessor: row.assessor as string | null,
    score: row.score as number | null,
  };
}

/**
 * A resident's Japanese: proficiency assessments in each framework and the courses they took.
 * City staff record assessments; PESO counselors read the record when planning job support.
 */
@Injectable()
export class ProficiencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  async record(ctx: RequestContext, residentId: string, input: CreateAssessmentDto): Promise<AssessmentResponse> {
    const levels = LEVELS_OF[input.framework];
    if (!levels.includes(input.level)) {
      throw ProblemException.validation([
        { field: 'level', reason: `${input.framework} levels are ${levels.join(', ')}; got ${input.level}` },
      ]);
    }
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO proficiency_assessment (resident_id, framework, level, assessed_on, assessor, score, recorded_by_org_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ASSESSMENT_COLUMNS}`,
        [
          residentId,
          input.framework,
          input.level,
          input.assessedOn,
          input.assessor ?? null,
          input.score ?? null,
          ctx.principal!.orgId,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'proficiency.create',
          entity: 'proficiency_assessment',
          entityId: row.id,
          residentId,
          diff: { framework: input.framework, level: input.level },
        },
        tx,
      );
      return assessmentOf(row);
    });
  }

  async ofResident(ctx: RequestContext, residentId: string): Promise<ResidentLanguageResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const assessments = (
      await this.dataSource.query(
        `SELECT ${ASSESSMENT_COLUMNS} FROM proficiency_assessment WHERE resident_id = $1
          ORDER BY assessed_on DESC, created_at DESC`,
        [residentId],
      )
    ).map(assessmentOf);
    // Newest first, so the first of each framework is its latest.
    const latest = assessments.filter(
      (assessment: AssessmentResponse, index: number) =>
        assessments.findIndex((other: AssessmentResponse) => other.framework === assessment.framework) === index,
    );
    const courses = await this.dataSource.query(
      `SELECT e.id, e.course_id, e.resident_id, e.status, e.requested_at, e.enrolled_on::text AS enrolled_on,
              e.ended_on::text AS ended_on, e.end_reason, e.version, NULL AS waitlist_position,
              c.title, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on
         FROM enrollment e JOIN language_course c ON c.id = e.course_id
        WHERE e.resident_id = $1 ORDER BY c.starts_on DESC`,
      [residentId],
    );
    await this.audit.record(ctx, { action: 'language.read', entity: 'resident', entityId: residentId, residentId });
    return {
      residentId,
      latest,
      assessments,
      courses: courses.map((row: Record<string, unknown>) => ({
        ...enrollmentOf(row),
        courseTitle: row.title as string,
        courseStartsOn: row.starts_on as string,
        courseEndsOn: row.ends_on as string,
      })),
    };
  }
}
