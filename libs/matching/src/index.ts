export * from './matching.module.js';
export * from './matching.service.js';
export * from './engine/match-engine.js';
export * from './runs/match-input.js';
export * from './runs/match-run.dto.js';
export * from './runs/match-runs.service.js';
export * from './runs/match-runs.processor.js';
