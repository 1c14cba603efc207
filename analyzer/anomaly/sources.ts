/**
 * Where series are read from: one parameterized query per source, counting
 * per bucket and key. Each returns `b` (bucket start, epoch seconds), its key
 * columns, `n` (the count) and `bad` (the failures among them, for rates).
 *
 * Every query reads [from, to) and only the buckets whose time of day lies in
 * the band [bandStart, bandStart + bandLen) (seconds, modulo a day): the
 * baseline needs the same hours on earlier days, not the whole history.
 */

export type SourceId = 'channel_orders' | 'endpoint_calls' | 'job_rows' | 'customer_queries' | 'self_service'

export interface SourceDef {
  id: SourceId
  /** Key columns, in order; they are also the scope dimensions of findings. */
  keys: readonly string[]
  sql: string
}

const bucketOf = (column: string) => `intDiv(toUnixTimestamp(${column}), {bucket:UInt32}) * {bucket:UInt32}`
const inWindow = (column: string) =>
  `${column} >= {from:DateTime64(3)} AND ${column} < {to:DateTime64(3)} AND positiveModulo(toInt64(${bucketOf(column)}) - {bandStart:Int64}, 86400) < {bandLen:UInt32}`

export const SOURCES: Record<SourceId, SourceDef> = {
  // New orders as the channel reported them: what the customer did, before any sync could lose it.
  channel_orders: {
    id: 'channel_orders',
    keys: ['channel'],
    sql: `SELECT ${bucketOf('event_time')} AS b, channel, count() AS n, 0 AS bad
          FROM order_events WHERE system = 'channel' AND state = 'created' AND ${inWindow('event_time')}
          GROUP BY b, channel`,
  },
  // Calls per endpoint from the per-minute rollup (retries included: a retry storm is a surge too).
  endpoint_calls: {
    id: 'endpoint_calls',
    keys: ['target_system', 'endpoint'],
    sql: `SELECT ${bucketOf('minute')} AS b, target_system, endpoint, sum(calls) AS n, sumIf(calls, status_class != '2xx') AS bad
          FROM calls_per_minute WHERE ${inWindow('minute')}
          GROUP BY b, target_system, endpoint`,
  },
  // Rows a scheduled job moved, by the run's start: a stopped job moves nothing, its first run after moves the backlog.
  job_rows: {
    id: 'job_rows',
    keys: ['job'],
    sql: `SELECT ${bucketOf('started_at')} AS b, job, sum(rows_moved) AS n, 0 AS bad
          FROM job_runs WHERE ${inWindow('started_at')}
          GROUP BY b, job`,
  },
  // Every customer look-up, self-service or through customer service.
  customer_queries: {
    id: 'customer_queries',
    keys: [],
    sql: `SELECT ${bucketOf('ts')} AS b, count() AS n, 0 AS bad
          FROM customer_queries WHERE ${inWindow('ts')}
          GROUP BY b`,
  },
  // Self-service look-ups per channel; a miss is a customer who could not find their order.
  self_service: {
    id: 'self_service',
    keys: ['channel'],
    sql: `SELECT ${bucketOf('ts')} AS b, channel, count() AS n, countIf(NOT found) AS bad
          FROM customer_queries WHERE self_service AND ${inWindow('ts')}
          GROUP BY b, channel`,
  },
}
