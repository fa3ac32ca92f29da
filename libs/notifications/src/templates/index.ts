import type { NotificationPurpose } from '../purposes.js';
import { coursePlaceOffered } from './course-place-offered.js';
import { nhiEnrolment } from './nhi-enrolment.js';
import { orientationFollowUp } from './orientation-follow-up.js';
import { orientationInvitation } from './orientation-invitation.js';
import { schoolGuide } from './school-guide.js';
import { statusRenewalInsurance } from './status-renewal-insurance.js';
import type { NotificationTemplate } from './template.js';

/** The template of every purpose. */
export const TEMPLATES: Record<NotificationPurpose, NotificationTemplate> = {
  NHI_ENROLMENT: nhiEnrolment,
  ORIENTATION_INVITATION: orientationInvitation,
  ORIENTATION_FOLLOW_UP: orientationFollowUp,
  STATUS_RENEWAL_INSURANCE: statusRenewalInsurance,
  SCHOOL_GUIDE: schoolGuide,
  COURSE_PLACE_OFFERED: coursePlaceOffered,
};

export * from './languages.js';
export * from './render.js';
export * from './template.js';
