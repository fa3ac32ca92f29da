export * from './language.module.js';
