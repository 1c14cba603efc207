/**
 * Interface-call KPIs, read from the per-minute rollup (calls_per_minute)
 * rather than raw calls: the volume demands it. Contract: queries.ts.
 */
import { bucketOf, byKey, CALL_DIMENSIONS, key, WINDOW, type KpiQuery } from './sql.ts'

const MINUTES = `FROM calls_per_minute WHERE ${WINDOW('minute')}`

/** Latency percentile from the merged t-digest states; the levels must be the ones the rollup stores. */
const latency = (index: 1 | 3 | 4): KpiQuery => ({
  dimensions: CALL_DIMENSIONS,
  sql: (d) => `SELECT ${key(d)} AS key, ${bucketOf('minute', 'DateTime')} AS b,
      quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(latency_digest)[${index}] AS value, sum(calls) AS n
    ${MINUTES} ${byKey}`,
})

export const CALL_KPIS: Record<string, KpiQuery> = {
  call_success_rate: {
    dimensions: CALL_DIMENSIONS,
    sql: (d) => `SELECT ${key(d)} AS key, ${bucketOf('minute', 'DateTime')} AS b, sumIf(calls, status_class IN ('2xx', '3xx')) / sum(calls) AS value, sum(calls) AS n
      ${MINUTES} ${byKey}`,
  },
  call_latency_p50_ms: latency(1),
  call_latency_p95_ms: latency(3),
  call_latency_p99_ms: latency(4),
}
