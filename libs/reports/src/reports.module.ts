import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { SchoolingModule } from '@app/schooling';
import { ReportQueries } from './report-queries.js';
import { ReportRunner } from './report-runner.js';
import { ReportRunsController, ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/**
 * Nightly reporting ([K10]): dated snapshots per municipality and PESO office with small-cell
 * suppression, exports and series for charts. The worker adds ReportsProcessor to its providers.
 */
@Module({
  imports: [AlertsModule, SchoolingModule],
  controllers: [ReportsController, ReportRunsController],
  providers: [ReportQueries, ReportRunner, ReportsService],
  exports: [ReportRunner],
})
export class ReportsModule {}
