import * as syncHealthMessages from '../sync-health/messages.ts'
import * as traceMessages from '../trace/messages.ts'
import * as cockpitMessages from '../cockpit/messages.ts'
import * as ticketsMessages from '../tickets/messages.ts'
import * as alertsMessages from '../alerts/messages.ts'
import * as patternNames from './patterns.ts'

/** English texts; zh-CN.ts has the same keys (checked by the type below). */
export const en = {
  app: { title: 'OrderLens', logout: 'Log out', language: 'Language', refresh: 'Refresh', refreshOff: 'off' },
  nav: { syncHealth: 'Sync health', cockpit: 'Cockpit', trace: 'Trace', tickets: 'Tickets', alerts: 'Alerts' },
  roles: { sre: 'SRE', manager: 'Manager', oncall: 'On-call', admin: 'Admin' },
  login: { title: 'Log in to OrderLens', username: 'User name', password: 'Password', submit: 'Log in', failed: 'Log-in failed: {message}' },
  range: { label: 'Time range', '1h': 'Last hour', '6h': 'Last 6 hours', '24h': 'Last 24 hours', '7d': 'Last 7 days', custom: 'Custom' },
  state: { loading: 'Loading…', empty: 'Nothing to show', error: 'Could not load: {message}', retry: 'Retry' },
  severity: { critical: 'Critical', warning: 'Warning', info: 'Info' },
  status: { healthy: 'Healthy', warning: 'Warning', critical: 'Critical', no_data: 'No data' },
  syncHealth: syncHealthMessages.en,
  trace: traceMessages.en,
  cockpit: cockpitMessages.en,
  tickets: ticketsMessages.en,
  alerts: alertsMessages.en,
  patterns: patternNames.en,
}

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof en>
