export * from './language.module.js';
export * from './proficiency.service.js';
export { FRAMEWORKS, LEVELS_OF, REFERENCE_LEVELS } from './language.dto.js';
export * from './courses.service.js';
