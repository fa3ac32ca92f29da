export * from './insurance.module.js';
export * from './obligations.service.js';
export * from './evaluate-obligations.dto.js';
export * from './obligations/index.js';
export * from './coverage/coverage.service.js';
export * from './coverage/coverage-period.dto.js';
export * from './gaps/coverage-gaps.service.js';
