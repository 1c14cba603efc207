/** Alerts and notifications the notifier tests send. */
import { ZERO_TIME, buildNotification, type Alert, type Notification } from '../../alerts/notifiers/index.ts'

export const STARTS_AT = '2026-11-23T06:30:00.000Z' // 14:30:00 China time
export const ENDS_AT = '2026-11-23T07:45:30.000Z' // 1h 15m 30s later

export function firingAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    status: 'firing',
    labels: { alertname: 'WmsPushFailing', severity: 'critical', endpoint: '/wms/push', warehouse: 'SH-01' },
    annotations: {
      summary: 'Push to WMS fails for 38% of calls',
      description: 'Failures began with the WMS release at 14:25',
      fix: 'Roll back the WMS release; re-push the held orders',
      runbook_url: 'http://orderlens.test/docs/RUNBOOK.md#wms-push',
    },
    startsAt: STARTS_AT,
    endsAt: ZERO_TIME,
    generatorURL: 'http://orderlens.test/api/v1/findings?detector=wms_push',
    fingerprint: '3f1c0a9b2e4d5c6a',
    ...overrides,
  }
}

export function resolvedAlert(overrides: Partial<Alert> = {}): Alert {
  return firingAlert({ status: 'resolved', endsAt: ENDS_AT, ...overrides })
}

export function notificationOf(alerts: Alert[], receiver = 'oncall'): Notification {
  return buildNotification({ receiver, alerts, groupLabels: { alertname: alerts[0]?.labels.alertname ?? '' }, externalURL: 'http://orderlens.test' })
}
