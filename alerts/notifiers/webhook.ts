/** Generic webhook: Alertmanager's webhook payload, version 4, so any receiver written for Alertmanager works. */
import type { WebhookReceiver } from './config.ts'
import { authHeaders, postJson } from './http.ts'
import type { Alert, Notification, Notifier } from './types.ts'

/** Alertmanager's webhook body (its field order, `version: "4"`). */
export interface WebhookPayload {
  receiver: string
  status: Notification['status']
  alerts: Alert[]
  groupLabels: Record<string, string>
  commonLabels: Record<string, string>
  commonAnnotations: Record<string, string>
  externalURL: string
  version: '4'
  groupKey: string
  truncatedAlerts: number
}

/** maxAlerts > 0 keeps the first alerts and counts the rest in truncatedAlerts, as Alertmanager's max_alerts does. */
export function webhookPayload(n: Notification, maxAlerts = 0): WebhookPayload {
  const kept = maxAlerts > 0 ? n.alerts.slice(0, maxAlerts) : n.alerts
  return {
    receiver: n.receiver,
    status: n.status,
    alerts: kept,
    groupLabels: n.groupLabels,
    commonLabels: n.commonLabels,
    commonAnnotations: n.commonAnnotations,
    externalURL: n.externalURL,
    version: '4',
    groupKey: n.groupKey,
    truncatedAlerts: n.truncatedAlerts + (n.alerts.length - kept.length),
  }
}

export function webhookNotifier(config: WebhookReceiver): Notifier {
  const headers = authHeaders(config)
  return {
    kind: 'webhook',
    name: config.name,
    async send(n) {
      await postJson(config.url, webhookPayload(n, config.maxAlerts), { headers, timeoutMs: config.timeoutMs })
    },
  }
}
