export * from './alerts.module.js';
export * from './alerts.service.js';
export * from './alerts.processor.js';
export { ALERT_RULES } from './rules.js';
export { ResidentEvaluationBatcher } from './evaluation-batcher.js';
export { NightlyReminders, type ReminderTotals } from './nightly-reminders.js';
