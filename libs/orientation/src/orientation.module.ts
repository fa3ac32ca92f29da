import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';
import { OrientationAttendanceController, ResidentOrientationController } from './attendance/attendance.controller.js';
import { AttendanceService } from './attendance/attendance.service.js';
import { NewcomerInvitationsController } from './newcomers/newcomer-invitations.controller.js';
import { NewcomerInvitationsService } from './newcomers/newcomer-invitations.service.js';
import { OrientationInvitations } from './newcomers/orientation-invitations.js';
import { OrientationSessionsController } from './sessions/sessions.controller.js';
import { OrientationSessionsService } from './sessions/sessions.service.js';

/** Newcomer orientation: sessions, topics, attendance and the newcomer invitation list. */
@Module({
  imports: [ResidentsModule],
  controllers: [
    OrientationSessionsController,
    OrientationAttendanceController,
    ResidentOrientationController,
    NewcomerInvitationsController,
  ],
  providers: [OrientationSessionsService, AttendanceService, NewcomerInvitationsService, OrientationInvitations],
  exports: [AttendanceService, OrientationInvitations],
})
export class OrientationModule {}
