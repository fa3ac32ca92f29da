export * from './notifications.module.js';
export * from './notifications.service.js';
export * from './purposes.js';
export { NotificationsProcessor } from './delivery/notifications.processor.js';
export { NotificationRelay } from './delivery/notification-relay.js';
export { NotificationSender, type SendOutcome } from './delivery/notification-sender.js';
export { messageIdOf } from './delivery/mail-message.js';
export {
  TEMPLATES,
  TEMPLATE_LANGUAGES,
  TemplateError,
  type NotificationTemplate,
  type TemplateData,
  type TemplateLanguage,
} from './templates/index.js';
