import { buildNotification, deliver, ZERO_TIME, type Alert, type DeliveryOptions, type DeliveryResult, type Notifier } from '../notifiers/index.ts'
import { matches, type Matcher } from './silences.ts'
import type { AlertState } from './state.ts'

export interface Route {
  receiver: string
  matchers: Matcher[]
  group_by: string[]
  continue: boolean
}

export interface Dispatch {
  result: DeliveryResult
  alertIds: string[]
}

/** The receivers an alert goes to: the first matching route, and the next ones while a matched route says `continue`. */
export function routeOf(labels: Record<string, string>, routes: Route[]): Route[] {
  const out: Route[] = []
  for (const route of routes) {
    if (!matches(labels, route.matchers)) continue
    out.push(route)
    if (!route.continue) break
  }
  return out
}

/** An alert state as notifiers carry it (Alertmanager's shape). */
export function toNotifierAlert(a: AlertState, externalUrl: string): Alert {
  const evidence = a.annotations.evidence_url
  return {
    status: a.status === 'resolved' ? 'resolved' : 'firing',
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.active_since,
    endsAt: a.resolved_at ?? ZERO_TIME,
    generatorURL: evidence ? new URL(evidence, externalUrl).toString() : externalUrl,
    fingerprint: a.fingerprint,
  }
}

/**
 * Sends alerts to their receivers: one notification per receiver and group
 * (the route's group_by labels), delivered with retries; every delivery is
 * returned for the history.
 */
export async function dispatch(alerts: AlertState[], routes: Route[], notifiers: Map<string, Notifier>, externalUrl: string, options: DeliveryOptions): Promise<Dispatch[]> {
  const groups = new Map<string, { route: Route; groupLabels: Record<string, string>; alerts: AlertState[] }>()
  for (const alert of alerts) {
    for (const route of routeOf(alert.labels, routes)) {
      const groupLabels = Object.fromEntries(route.group_by.map((l) => [l, alert.labels[l] ?? '']))
      const key = `${route.receiver}\u0000${JSON.stringify(groupLabels)}\u0000${alert.status}`
      const group = groups.get(key) ?? { route, groupLabels, alerts: [] }
      group.alerts.push(alert)
      groups.set(key, group)
    }
  }
  const out: Dispatch[] = []
  for (const group of groups.values()) {
    const notifier = notifiers.get(group.route.receiver)
    if (!notifier) continue
    const notification = buildNotification({ receiver: notifier.name, alerts: group.alerts.map((a) => toNotifierAlert(a, externalUrl)), groupLabels: group.groupLabels, externalURL: externalUrl })
    out.push({ result: await deliver(notifier, notification, options), alertIds: group.alerts.map((a) => a.id) })
  }
  return out
}
