export * from './employment.module.js';
export * from './records/employment-records.js';
export * from './reports/deadlines.js';
export * from './reports/report-lines.js';
