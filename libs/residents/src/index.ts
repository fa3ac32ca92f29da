export * from './names/name-normalization.js';
export * from './resident.entity.js';
export * from './residents.module.js';
export * from './residents.service.js';
export * from './import/resident-import.service.js';
export * from './import/imports.processor.js';
export * from './import/imports.service.js';
export * from './demo/synthetic-population.js';
