/**
 * The notification model. It mirrors Alertmanager's webhook payload (version 4)
 * field for field, so the generic webhook sends exactly Alertmanager's format
 * and receivers written for Alertmanager work unchanged.
 */

/** Alertmanager's "no end yet" time, carried by firing alerts. */
export const ZERO_TIME = '0001-01-01T00:00:00Z'

export type AlertStatus = 'firing' | 'resolved'

/** One alert instance. */
export interface Alert {
  status: AlertStatus
  /** alertname, severity, and the scope (channel, endpoint, client_ip …). */
  labels: Record<string, string>
  /** summary, description, runbook_url, fix … */
  annotations: Record<string, string>
  /** ISO time the condition started. */
  startsAt: string
  /** ISO time it ended; ZERO_TIME while firing, as Alertmanager does. */
  endsAt: string
  /** Link to the evidence (console / API URL). */
  generatorURL: string
  fingerprint: string
}

/** One group of alerts sent to one receiver. */
export interface Notification {
  receiver: string
  /** firing while any alert of the group fires. */
  status: AlertStatus
  alerts: Alert[]
  groupLabels: Record<string, string>
  commonLabels: Record<string, string>
  commonAnnotations: Record<string, string>
  externalURL: string
  groupKey: string
  /** Alerts left out of `alerts` (Alertmanager's max_alerts). */
  truncatedAlerts: number
}

export type NotifierKind = 'webhook' | 'wecom' | 'dingtalk' | 'feishu' | 'email' | 'alertmanager'

/** One channel. send() resolves once the receiver accepted the notification, or throws a NotifyError. */
export interface Notifier {
  readonly kind: NotifierKind
  /** The receiver's name from configuration. */
  readonly name: string
  send(notification: Notification): Promise<void>
}
