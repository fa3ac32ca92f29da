export * from './insurance.module.js';
export * from './obligations.service.js';
export * from './evaluate-obligations.dto.js';
export * from './obligations/index.js';
