/** Building a Notification from a group of alerts, with Alertmanager's semantics for the derived fields. */
import type { Alert, Notification } from './types.ts'

export interface GroupInput {
  receiver: string
  alerts: Alert[]
  /** The labels the route grouped by, with this group's values. */
  groupLabels: Record<string, string>
  /** OrderLens's own URL (the console), for links back. */
  externalURL: string
  /** Identifies the group across notifications; defaults to Alertmanager's form `{}:{k="v", …}`. */
  groupKey?: string
  truncatedAlerts?: number
}

export function buildNotification(input: GroupInput): Notification {
  return {
    receiver: input.receiver,
    // As Alertmanager: the group fires while any of its alerts fires.
    status: input.alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: input.alerts,
    groupLabels: input.groupLabels,
    commonLabels: common(input.alerts.map((a) => a.labels)),
    commonAnnotations: common(input.alerts.map((a) => a.annotations)),
    externalURL: input.externalURL,
    groupKey: input.groupKey ?? `{}:{${Object.entries(input.groupLabels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`,
    truncatedAlerts: input.truncatedAlerts ?? 0,
  }
}

/** The pairs every map shares with the same value. */
function common(maps: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = maps
  if (!first) return {}
  return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((m) => m[key] === value)))
}
