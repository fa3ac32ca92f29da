export * from './schooling.module.js';
export * from './school-age.js';
export * from './schooling-codes.js';
export { SchoolingAlerts, GUIDE_SILENCE_DAYS, NEWCOMER_SCHOOL_DAYS } from './schooling-alerts.js';
export { SchoolGuideService, schoolGuideDedupKey } from './guide/school-guide.service.js';
export { SchoolingProcessor } from './guide/school-guide.processor.js';
export { SchoolAgeChildrenService } from './roster/school-age-children.service.js';
