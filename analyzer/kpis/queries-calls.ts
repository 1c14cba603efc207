/**
 * Interface-call KPIs, read from the per-minute rollup (calls_per_minute)
 * rather than raw calls: the volume demands it. Contract: queries.ts.
 */
import { kpiOver } from './sources.ts'
import type { KpiQuery } from './sql.ts'

/** Latency percentile from the merged t-digest states; the levels must be the ones the rollup stores (one merge serves all three). */
const latency = (index: 1 | 3 | 4): KpiQuery => kpiOver('calls', `quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(latency_digest)[${index}]`, 'sum(calls)')

export const CALL_KPIS: Record<string, KpiQuery> = {
  call_success_rate: kpiOver('calls', "sumIf(calls, status_class IN ('2xx', '3xx')) / sum(calls)", 'sum(calls)'),
  call_latency_p50_ms: latency(1),
  call_latency_p95_ms: latency(3),
  call_latency_p99_ms: latency(4),
}
