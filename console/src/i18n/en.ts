/** English texts; zh-CN.ts has the same keys (checked by the type below). */
export const en = {
  app: { title: 'OrderLens', logout: 'Log out', language: 'Language', refresh: 'Refresh', refreshOff: 'off' },
  nav: { syncHealth: 'Sync health', cockpit: 'Cockpit', trace: 'Trace' },
  roles: { sre: 'SRE', manager: 'Manager', oncall: 'On-call', admin: 'Admin' },
  login: { title: 'Log in to OrderLens', username: 'User name', password: 'Password', submit: 'Log in', failed: 'Log-in failed: {message}' },
  range: { label: 'Time range', '1h': 'Last hour', '6h': 'Last 6 hours', '24h': 'Last 24 hours', '7d': 'Last 7 days', custom: 'Custom' },
  state: { loading: 'Loading…', empty: 'Nothing to show', error: 'Could not load: {message}', retry: 'Retry' },
  severity: { critical: 'Critical', warning: 'Warning', info: 'Info' },
  status: { healthy: 'Healthy', warning: 'Warning', critical: 'Critical', no_data: 'No data' },
  syncHealth: {
    title: 'Sync health',
    callSuccess: 'Interface-call success rate',
    findings: 'Active findings',
    noFindings: 'No findings in this time range: the detectors saw nothing wrong.',
    noSeries: 'No interface calls in this time range.',
    allPatterns: 'All patterns',
    pattern: 'Pattern',
    severity: 'Severity',
    scope: 'Scope',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    summary: 'Summary',
    fix: 'Fix',
    evidence: 'Evidence',
    healthyLine: 'healthy',
    warningLine: 'warning',
  },
  trace: { title: 'Trace an order', placeholder: 'Order id, channel order no. or tracking no.', search: 'Trace', hint: 'Enter an order id, a channel order number or a tracking number.', notFound: "No order has the key '{key}'.", systems: 'Latest state per system', disagreements: 'The systems disagreed {n} time(s); those moments are highlighted below.', timeline: 'Journey', time: 'Time', system: 'System', state: 'State' },
  cockpit: { title: 'Efficiency cockpit', previous: 'Previous', change: 'Change', noKpis: 'No KPIs for this time range.', samples: '{n} samples' },
}

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof en>
