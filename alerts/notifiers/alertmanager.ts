/**
 * Forwarding to an existing Alertmanager: POST <url>/api/v2/alerts with
 * postable alerts. Alertmanager does its own grouping, silencing and routing;
 * a resolved alert carries its endsAt, which is how Alertmanager learns it
 * ended. Alertmanager also resolves a firing alert that is not re-sent within
 * its resolve_timeout (or before firingEndsAfterMs), so the engine must
 * re-forward firing alerts on every evaluation, as Prometheus does.
 */
import type { AlertmanagerReceiver } from './config.ts'
import { authHeaders, postJson } from './http.ts'
import { ZERO_TIME, type Alert, type Notifier } from './types.ts'

/** Alertmanager's PostableAlert. */
export interface PostableAlert {
  labels: Record<string, string>
  annotations: Record<string, string>
  startsAt: string
  endsAt?: string
  generatorURL?: string
}

export function postableAlert(alert: Alert, firingEndsAfterMs?: number, now: Date = new Date()): PostableAlert {
  const out: PostableAlert = { labels: alert.labels, annotations: alert.annotations, startsAt: alert.startsAt }
  if (alert.status === 'resolved' && alert.endsAt !== ZERO_TIME) out.endsAt = alert.endsAt
  // A resolved alert without its end time: "now" ends it.
  else if (alert.status === 'resolved') out.endsAt = now.toISOString()
  else if (firingEndsAfterMs) out.endsAt = new Date(now.getTime() + firingEndsAfterMs).toISOString()
  if (alert.generatorURL) out.generatorURL = alert.generatorURL
  return out
}

export function alertmanagerNotifier(config: AlertmanagerReceiver): Notifier {
  const url = `${config.url.replace(/\/+$/, '')}/api/v2/alerts`
  const headers = authHeaders(config)
  return {
    kind: 'alertmanager',
    name: config.name,
    async send(n) {
      const alerts = n.alerts.map((alert) => postableAlert(alert, config.firingEndsAfterMs))
      await postJson(url, alerts, { headers, timeoutMs: config.timeoutMs })
    },
  }
}
