export * from './orientation.module.js';
export * from './orientation-topics.js';
export * from './attendance/attendance.service.js';
export * from './newcomers/orientation-invitations.js';
