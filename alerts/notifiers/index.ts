/**
 * Notifiers: the channels alerts are sent through. The engine builds a
 * Notification per group and receiver, gets a Notifier from
 * createNotifier(receiverConfig), and calls deliver() — which retries and
 * returns the record of every attempt for the notification history.
 */
export { ZERO_TIME, type Alert, type AlertStatus, type Notification, type Notifier, type NotifierKind } from './types.ts'
export { NotifyError } from './errors.ts'
export { buildNotification, type GroupInput } from './notification.ts'
export { createNotifier, createNotifiers } from './create.ts'
export {
  ReceiverConfigSchema,
  RECEIVER_SCHEMAS,
  ReceiverConfigError,
  parseReceiverConfig,
  type ReceiverConfig,
  type WebhookReceiver,
  type WeComReceiver,
  type DingTalkReceiver,
  type FeishuReceiver,
  type EmailReceiver,
  type AlertmanagerReceiver,
} from './config.ts'
export { deliver, type DeliveryOptions, type DeliveryAttempt, type DeliveryResult } from './deliver.ts'
export { renderMarkdown, renderText, renderHtml, titleOf, viewAlert, type AlertView } from './format.ts'
export { webhookPayload, type WebhookPayload } from './webhook.ts'
export { postableAlert, type PostableAlert } from './alertmanager.ts'
