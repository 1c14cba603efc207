import type { SourceId } from './sources.ts'

/**
 * The series watched for anomalies, each defined once. A count series is
 * watched both ways (surges and drops); a rate series (successes out of n)
 * is watched for falls: sharp ones are drops, slow ones degradations.
 */
export type SeriesKind = 'count' | 'rate'
export type AnomalyPattern = 'anomaly_surge' | 'anomaly_drop' | 'anomaly_degradation'

export interface SeriesDef {
  id: string
  kind: SeriesKind
  source: SourceId
  /** What one unit is, for summaries: "new orders", "calls", "self-service look-ups". */
  unit: string
  /** The suggested action per pattern, given the scope's values. */
  action: Partial<Record<AnomalyPattern, (scope: Record<string, string>) => string>>
}

const where = (scope: Record<string, string>) =>
  Object.entries(scope)
    .filter(([k]) => k !== 'series')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || 'all'

export const SERIES: readonly SeriesDef[] = [
  {
    id: 'channel_orders',
    kind: 'count',
    source: 'channel_orders',
    unit: 'new orders',
    action: {
      anomaly_surge: (s) =>
        `Check whether the ${s.channel} orders are real (a promotion-page bug or test orders look like this); if not, pause their sync and ask the channel team to review before they reach the warehouse.`,
      anomaly_drop: (s) => `Check the ${s.channel} intake: the channel's push or import, its credentials and API status; compare with the channel's own order list.`,
    },
  },
  {
    id: 'endpoint_calls',
    kind: 'count',
    source: 'endpoint_calls',
    unit: 'calls',
    action: {
      anomaly_surge: (s) => `Look for a retry storm or a runaway caller on ${s.target_system} ${s.endpoint} (retries without back-off, a loop, a replayed batch); throttle the caller.`,
      anomaly_drop: (s) => `Check that callers still reach ${s.target_system} ${s.endpoint}: the caller's job or service, network path, whitelist, credentials.`,
    },
  },
  {
    id: 'job_rows',
    kind: 'count',
    source: 'job_rows',
    unit: 'rows moved',
    action: {
      anomaly_surge: (s) => `${s.job} moved far more rows than usual: a backlog released after a stop, or a duplicated run; check its recent runs and for duplicates downstream.`,
      anomaly_drop: (s) => `Check that ${s.job} still runs (cron daemon, the host's clock and NTP, its last heartbeat) and that its source has data; run it by hand to pull what waits.`,
    },
  },
  {
    id: 'customer_queries',
    kind: 'count',
    source: 'customer_queries',
    unit: 'customer look-ups',
    action: {
      anomaly_surge: () => 'Customers are looking their orders up far more than usual: check for delayed or missing orders and tracking they are chasing.',
      anomaly_drop: () => 'Customer look-ups have fallen away: check that the look-up page and its reporting to OrderLens still work.',
    },
  },
  {
    id: 'endpoint_success',
    kind: 'rate',
    source: 'endpoint_calls',
    unit: 'calls',
    action: {
      anomaly_drop: (s) => `Read the error codes on ${s.target_system} ${s.endpoint} for the span (rate limits, whitelist, auth, 5xx) and fix the cause before retries pile up.`,
      anomaly_degradation: (s) =>
        `The success rate of ${s.target_system} ${s.endpoint} is sliding: check the target's health (latency, 5xx, saturation, a slow database) before it becomes an outage.`,
    },
  },
  {
    id: 'self_service_success',
    kind: 'rate',
    source: 'self_service',
    unit: 'self-service look-ups',
    action: {
      anomaly_drop: (s) => `Customers on ${where(s)} cannot find their orders: check that the channel's orders reach OMS (intake, encoding failures) and that tracking numbers are written back.`,
      anomaly_degradation: (s) => `Self-service look-ups on ${where(s)} succeed less and less: check for orders stuck before OMS and tracking numbers not written back.`,
    },
  },
]

export function seriesById(id: string): SeriesDef | undefined {
  return SERIES.find((s) => s.id === id)
}
