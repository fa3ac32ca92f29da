export * from './reports.module.js';
export { REPORTS, REPORT_BY_CODE, type ReportDefinition, type ReportScope } from './definitions.js';
export { ReportRunner, scopeOf, type RunOutcome } from './report-runner.js';
export { ReportsProcessor } from './reports.processor.js';
export { suppress, recoverableCells } from './suppression.js';
export { tabulate } from './publication.js';
