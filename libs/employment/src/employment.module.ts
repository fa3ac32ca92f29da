import { Module } from '@nestjs/common';
import { MatchingModule } from '@app/matching';
import { ResidentsModule } from '@app/residents';
import { EmploymentRecordsController, EmploymentRecordsService } from './records/employment-records.js';
import { EmployerReportsController } from './reports/employer-reports.controller.js';
import { EmployerReportsService } from './reports/employer-reports.service.js';

/** PESO employment services: employers, employment records, employers' hire and separation reports. */
@Module({
  imports: [ResidentsModule, MatchingModule],
  controllers: [EmployerReportsController, EmploymentRecordsController],
  providers: [EmployerReportsService, EmploymentRecordsService],
  exports: [EmploymentRecordsService],
})
export class EmploymentModule {}
