import type { Store } from '../../core/store/index.ts'
import { kpiStatus, type KpiDefinition } from '../kpis/catalogue.ts'
import { FAILED, IN_WINDOW, numberOrNull, SYSTEM_FILTER, windowParams, type SyncWindow } from './sql.ts'
import type { CallHealth, EndpointHealth, EndpointsAnswer, SystemHealth } from './types.ts'

interface HealthRow {
  source_system: string
  target_system: string
  endpoint: string
  per_endpoint: number
  n_calls: string
  n_failed: string
  n_retries: string
  avg_ms: number | null
  max_ms: number | null
  /** The rollup's levels: p50, p90, p95, p99. */
  q: (number | null)[]
}

/**
 * Per endpoint (source → target, endpoint) and per answering system, from
 * the per-minute rollup only (never raw calls: it stays fast over months of
 * calls). One scan with two grouping sets; the latency percentiles merge the
 * rollup's t-digest states, so they are the percentiles of the calls
 * themselves, not an average of per-minute percentiles.
 */
const SQL = (filtered: boolean) => `
  SELECT source_system, target_system, endpoint, grouping(source_system, endpoint) = 0 AS per_endpoint,
         sum(calls) AS n_calls, sumIf(calls, ${FAILED}) AS n_failed, sum(retries) AS n_retries,
         sum(latency_sum_ms) / sum(calls) AS avg_ms, max(latency_max_ms) AS max_ms,
         quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(latency_digest) AS q
  FROM calls_per_minute
  WHERE ${IN_WINDOW}${filtered ? ` AND ${SYSTEM_FILTER}` : ''}
  GROUP BY GROUPING SETS ((source_system, target_system, endpoint), (target_system))`

export async function endpointHealth(store: Store, w: SyncWindow & { system?: string }, successKpi: KpiDefinition): Promise<EndpointsAnswer> {
  const rows = await store.query<HealthRow>(SQL(!!w.system), windowParams(w, w.system ? { system: w.system } : {}))
  const health = (r: HealthRow): CallHealth => {
    const calls = Number(r.n_calls)
    const failures = Number(r.n_failed)
    const rate = calls > 0 ? (calls - failures) / calls : null
    const [p50, , p95, p99] = calls > 0 ? r.q.map(numberOrNull) : []
    return { calls, failures, success_rate: rate, retries: Number(r.n_retries), status: kpiStatus(successKpi, rate), avg_ms: calls > 0 ? numberOrNull(r.avg_ms) : null, p50_ms: p50 ?? null, p95_ms: p95 ?? null, p99_ms: p99 ?? null, max_ms: calls > 0 ? numberOrNull(r.max_ms) : null }
  }
  // Worst first; among equals, the busiest.
  const order = (a: CallHealth, b: CallHealth) => (a.success_rate ?? 1) - (b.success_rate ?? 1) || b.calls - a.calls
  const endpoints: EndpointHealth[] = rows
    .filter((r) => Number(r.per_endpoint) === 1)
    .map((r) => ({ source_system: r.source_system, target_system: r.target_system, endpoint: r.endpoint, ...health(r) }))
    .sort(order)
  const systems: SystemHealth[] = rows
    .filter((r) => Number(r.per_endpoint) === 0)
    .map((r) => ({ system: r.target_system, ...health(r) }))
    .sort(order)
  return {
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    system: w.system ?? null,
    thresholds: { healthy: successKpi.healthy, warning: successKpi.warning },
    endpoints,
    systems,
  }
}
