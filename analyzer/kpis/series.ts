import type { Store } from '../../core/store/index.ts'
import type { KpiSeries } from './answers.ts'
import type { KpiDefinition } from './catalogue.ts'
import { runKpiQuery } from './compute.ts'
import { KPI_QUERIES, type Dimension } from './queries.ts'

/** Bucket sizes a series may use, by their names in the API. */
export const BUCKETS: Record<string, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '3h': 10_800_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
}

/** More points than a chart can show is a mistake in the request, not a job for the store. */
export const MAX_BUCKETS = 1000

/** China is UTC+8 all year: buckets start at China-local boundaries (a day at Beijing midnight). */
const CHINA_OFFSET_MS = 8 * 3_600_000

export type { KpiSeries, SeriesPoint } from './answers.ts'

export function bucketStart(from: number, size: number): number {
  return Math.floor((from + CHINA_OFFSET_MS) / size) * size - CHINA_OFFSET_MS
}

export function bucketCount(from: number, to: number, size: number): number {
  return Math.ceil((to - bucketStart(from, size)) / size)
}

/**
 * A KPI over [from, to) bucket by bucket, from one scan; buckets with no data
 * are given as value null, n 0 so every series has the same time axis.
 */
export async function computeSeries(store: Store, def: KpiDefinition, request: { from: number; to: number; bucket: string; dimension?: Dimension }): Promise<KpiSeries> {
  const size = BUCKETS[request.bucket]!
  const origin = bucketStart(request.from, size)
  const count = bucketCount(request.from, request.to, size)
  const query = KPI_QUERIES[def.id]!
  const rows = await runKpiQuery(store, query.sql(request.dimension), { from: request.from, to: request.to, origin, bucket: size })
  const keys = [...new Set(rows.map((r) => r.key))].sort()
  const series = (keys.length > 0 ? keys : [request.dimension ? undefined : 'all'].filter((k): k is string => !!k)).map((key) => {
    const byBucket = new Map(rows.filter((r) => r.key === key).map((r) => [r.b, r]))
    const points = Array.from({ length: count }, (_, b) => {
      const row = byBucket.get(b)
      return { t: new Date(origin + b * size).toISOString(), value: row?.value ?? null, n: row?.n ?? 0 }
    })
    return { key, points }
  })
  return { kpi: def.id, bucket: request.bucket, series }
}
