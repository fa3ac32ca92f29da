export * from './alerts.module.js';
