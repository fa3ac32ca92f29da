import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { ResidentsModule } from '@app/residents';
import { CoursesService } from './courses.service.js';
import {
  CourseSessionsController,
  EnrollmentsController,
  LanguageCoursesController,
  ResidentLanguageController,
} from './language.controller.js';
import { ProficiencyService } from './proficiency.service.js';

/** Japanese-language courses: sessions, enrollment with a waitlist, attendance, completion, proficiency. */
@Module({
  imports: [ResidentsModule, NotificationsModule],
  controllers: [LanguageCoursesController, CourseSessionsController, EnrollmentsController, ResidentLanguageController],
  providers: [CoursesService, ProficiencyService],
  exports: [ProficiencyService, CoursesService],
})
export class LanguageModule {}
