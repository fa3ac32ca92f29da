import { Module } from '@nestjs/common';
import { MatchingModule } from '@app/matching';
import { ResidentsModule } from '@app/residents';
import { ReferralsToWorkController, ResidentCounselingController } from './counseling/counseling.controller.js';
import { CounselingService } from './counseling/counseling.service.js';
import { EmploymentRecordsController, EmploymentRecordsService } from './records/employment-records.js';
import { ManualEmploymentController, ManualEmploymentService } from './records/manual-employment.js';
import { EmploymentStatisticsController, EmploymentStatisticsService } from './statistics/employment-statistics.js';
import { CredentialsController, CredentialsService } from './credentials/credentials.js';
import { StudentsController, StudentsService } from './students/students.js';
import { EmployerReportsController } from './reports/employer-reports.controller.js';
import { EmployerReportsService } from './reports/employer-reports.service.js';

/** PESO employment services: employers' reports, employment records, counseling and referrals to work. */
@Module({
  imports: [ResidentsModule, MatchingModule],
  controllers: [
    EmployerReportsController,
    EmploymentRecordsController,
    ManualEmploymentController,
    ResidentCounselingController,
    ReferralsToWorkController,
    EmploymentStatisticsController,
    StudentsController,
    CredentialsController,
  ],
  providers: [
    EmployerReportsService,
    EmploymentRecordsService,
    ManualEmploymentService,
    CounselingService,
    EmploymentStatisticsService,
    StudentsService,
    CredentialsService,
  ],
  exports: [EmploymentRecordsService],
})
export class EmploymentModule {}
