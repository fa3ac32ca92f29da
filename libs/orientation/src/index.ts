export * from './orientation.module.js';
