/**
 * The metrics attribution can explain, each defined once: its dimensions
 * (the leaf table's columns), whether it is additive (a count: leaves sum to
 * the total) or a ratio (numerator / denominator, each additive), and where
 * it is read from. Dimension names reach SQL only from these lists.
 */
export type MetricKind = 'additive' | 'ratio'

export interface AttributionMetric {
  id: string
  description: string
  kind: MetricKind
  dimensions: readonly string[]
  table: 'order_events' | 'calls_per_minute' | 'customer_queries'
  /** The table's time column. */
  time: string
  /** Only rows matching this belong to the metric (fixed SQL, no input). */
  filter: string
  /** The metric (additive) or its numerator (ratio), aggregated per leaf. */
  numerator: string
  /** The ratio's denominator; for additive metrics, the volume that tells a window with data from one without. */
  denominator: string
}

const ORDER_DIMENSIONS = ['channel', 'warehouse', 'region', 'department'] as const
const CALL_DIMENSIONS = ['source_system', 'target_system', 'endpoint', 'client_ip', 'channel'] as const
const SUCCESS = "status_class IN ('2xx', '3xx')"

const ORDERS: AttributionMetric = {
  id: 'orders',
  description: 'new orders (the channel reporting them created)',
  kind: 'additive',
  dimensions: ORDER_DIMENSIONS,
  table: 'order_events',
  time: 'event_time',
  filter: "system = 'channel' AND state = 'created'",
  numerator: 'uniqExact(order_id)',
  denominator: 'uniqExact(order_id)',
}

const CALLS = { table: 'calls_per_minute', time: 'minute', filter: '1', dimensions: CALL_DIMENSIONS, denominator: 'sum(calls)' } as const

export const METRICS: Record<string, AttributionMetric> = {
  orders: ORDERS,
  calls: { ...CALLS, id: 'calls', description: 'interface calls, retries included', kind: 'additive', numerator: 'sum(calls)' },
  call_failures: { ...CALLS, id: 'call_failures', description: 'interface calls answered with an error (not 2xx/3xx)', kind: 'additive', numerator: `sumIf(calls, NOT ${SUCCESS})` },
  call_success_rate: { ...CALLS, id: 'call_success_rate', description: 'share of interface calls answered 2xx/3xx', kind: 'ratio', numerator: `sumIf(calls, ${SUCCESS})` },
  // The same rows and ratios as the KPIs of these names (analyzer/kpis/queries.ts), so the cockpit can explain their change.
  audit_completeness: {
    id: 'audit_completeness',
    description: 'share of manual order changes that record the fields changed (KPI modification_audit_completeness)',
    kind: 'ratio',
    dimensions: ORDER_DIMENSIONS,
    table: 'order_events',
    time: 'event_time',
    filter: 'manual_change',
    numerator: 'countIf(length(changed_fields) > 0)',
    denominator: 'count()',
  },
  self_service_query_success: {
    id: 'self_service_query_success',
    description: 'share of self-service order queries that found the order (KPI self_service_query_success)',
    kind: 'ratio',
    dimensions: ['channel'],
    table: 'customer_queries',
    time: 'ts',
    filter: 'self_service',
    numerator: 'countIf(found)',
    denominator: 'count()',
  },
}

export const METRIC_IDS = Object.keys(METRICS)
