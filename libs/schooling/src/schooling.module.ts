import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { ResidentsModule } from '@app/residents';
import { ChildSchoolingService } from './children/child-schooling.service.js';
import { SchoolGuideService } from './guide/school-guide.service.js';
import { SchoolAgeChildrenService } from './roster/school-age-children.service.js';
import { SchoolingAlerts } from './schooling-alerts.js';
import {
  ChildSchoolingController,
  MextSurveyController,
  SchoolAgeChildrenController,
  SchoolAgeController,
  SchoolGuideController,
  SchoolsController,
} from './schooling.controller.js';
import { SchoolsService } from './schools/schools.service.js';

/**
 * Children and schooling ([K9]): school age by the April-1 rule, schools, enrolments, the status per
 * child and school year (MEXT categories), absences, the enrolment guide and the MEXT survey. The
 * worker adds SchoolingProcessor (guide dispatches) to its providers.
 */
@Module({
  imports: [ResidentsModule, NotificationsModule],
  controllers: [
    SchoolAgeController,
    SchoolsController,
    ChildSchoolingController,
    SchoolAgeChildrenController,
    MextSurveyController,
    SchoolGuideController,
  ],
  providers: [SchoolsService, ChildSchoolingService, SchoolAgeChildrenService, SchoolGuideService, SchoolingAlerts],
  exports: [SchoolingAlerts, SchoolGuideService, SchoolAgeChildrenService],
})
export class SchoolingModule {}
