import type { Store } from '../../core/store/index.ts'
import type { KpiTrendsAnswer } from './answers.ts'
import type { KpiDefinition } from './catalogue.ts'
import { kpiRows } from './compute.ts'
import { KPI_QUERIES } from './queries.ts'
import { BUCKETS, bucketCount, bucketStart } from './series.ts'

/**
 * Several KPIs bucket by bucket over one window, for the cockpit's trend
 * lines: the KPIs over one shared source are read in one scan (as the KPI
 * set is), so 14 trends cost about what the KPI set costs, not 14 series
 * requests. Buckets without data are value null, n 0.
 */
export async function computeTrends(store: Store, defs: KpiDefinition[], request: { from: number; to: number; bucket: string }): Promise<KpiTrendsAnswer> {
  const size = BUCKETS[request.bucket]!
  const origin = bucketStart(request.from, size)
  const count = bucketCount(request.from, request.to, size)
  const ids = defs.map((d) => d.id).filter((id) => KPI_QUERIES[id])
  const rowsOf = await kpiRows(store, ids, undefined, { from: request.from, to: request.to, origin, bucket: size })
  const trends = ids.map((kpi) => {
    const byBucket = new Map(rowsOf.get(kpi)!.map((r) => [r.b, r]))
    const points = Array.from({ length: count }, (_, b) => {
      const row = byBucket.get(b)
      return { t: new Date(origin + b * size).toISOString(), value: row?.value ?? null, n: row?.n ?? 0 }
    })
    return { kpi, points }
  })
  return { from: new Date(request.from).toISOString(), to: new Date(request.to).toISOString(), bucket: request.bucket, trends }
}
