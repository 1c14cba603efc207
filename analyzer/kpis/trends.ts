import type { Store } from '../../core/store/index.ts'
import type { KpiTrendsAnswer } from './answers.ts'
import type { KpiDefinition } from './catalogue.ts'
import { kpiRows, trendBuckets, trendPoints } from './compute.ts'
import { KPI_QUERIES } from './queries.ts'
import { BUCKETS } from './series.ts'

/**
 * Several KPIs bucket by bucket over one window (GET /api/v1/kpis/trends):
 * the KPIs over one shared source are read in one scan (as the KPI set is).
 * The cockpit asks GET /api/v1/kpis?trend=<bucket> instead, which gives the
 * same points from the cards' own scans. Buckets without data are value null, n 0.
 */
export async function computeTrends(store: Store, defs: KpiDefinition[], request: { from: number; to: number; bucket: string }): Promise<KpiTrendsAnswer> {
  const buckets = trendBuckets(request.from, request.to, BUCKETS[request.bucket]!)
  const ids = defs.map((d) => d.id).filter((id) => KPI_QUERIES[id])
  const rowsOf = await kpiRows(store, ids, { from: request.from, to: request.to, origin: buckets.origin, bucket: buckets.bucket })
  const trends = ids.map((kpi) => ({ kpi, points: trendPoints(rowsOf.get(kpi)!, buckets) }))
  return { from: new Date(request.from).toISOString(), to: new Date(request.to).toISOString(), bucket: request.bucket, trends }
}
