import type { Store } from '../../core/store/index.ts'
import { BUCKETS, bucketCount, bucketStart } from '../kpis/series.ts'
import { bucketOf } from '../kpis/sql.ts'
import { isoOf, windowParams, type SyncWindow } from './sql.ts'
import type { QueueHealth, QueuesAnswer } from './types.ts'

export interface QueuesRequest extends SyncWindow {
  /** A bucket name of the KPI series (analyzer/kpis/series.ts), checked by the route. */
  bucket: string
}

/** Each queue's newest sample in the window and its peak. */
const LATEST_SQL = `
  SELECT queue, argMax(depth, ts) AS last_depth, argMax(oldest_age_s, ts) AS last_oldest_s, argMax(consumers, ts) AS last_consumers, max(ts) AS sampled_at, max(depth) AS peak_depth
  FROM queue_samples WHERE ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
  GROUP BY queue ORDER BY queue`

/** Deepest and oldest per bucket: a backlog's peak is what a wall screen must not hide between samples. */
const SERIES_SQL = `
  SELECT queue, ${bucketOf('ts')} AS b, max(depth) AS max_depth, max(oldest_age_s) AS max_oldest_s
  FROM queue_samples WHERE ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
  GROUP BY queue, b`

/**
 * Queue backlog: per queue its latest depth, oldest message age and
 * consumers, and the depth and oldest age bucket by bucket on the KPI
 * series' China-local buckets (the same time axis as the call-success chart).
 */
export async function queueHealth(store: Store, r: QueuesRequest): Promise<QueuesAnswer> {
  const size = BUCKETS[r.bucket]!
  const origin = bucketStart(r.from, size)
  const count = bucketCount(r.from, r.to, size)
  const params = windowParams(r, { origin, bucket: size })
  const [latest, series] = await Promise.all([
    store.query<{ queue: string; last_depth: string; last_oldest_s: number; last_consumers: number; sampled_at: string; peak_depth: string }>(LATEST_SQL, params),
    store.query<{ queue: string; b: string; max_depth: string; max_oldest_s: number }>(SERIES_SQL, params),
  ])
  const queues: QueueHealth[] = latest.map((q) => {
    const byBucket = new Map(series.filter((s) => s.queue === q.queue).map((s) => [Number(s.b), s]))
    return {
      queue: q.queue,
      depth: Number(q.last_depth),
      oldest_age_s: Number(q.last_oldest_s),
      consumers: Number(q.last_consumers),
      sampled_at: isoOf(q.sampled_at),
      peak_depth: Number(q.peak_depth),
      points: Array.from({ length: count }, (_, b) => {
        const s = byBucket.get(b)
        return { t: new Date(origin + b * size).toISOString(), depth: s ? Number(s.max_depth) : null, oldest_age_s: s ? Number(s.max_oldest_s) : null }
      }),
    }
  })
  return { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), bucket: r.bucket, queues }
}
