import { assertIdentifier, type Store } from '../../core/store/index.ts'
import type { WindowValue } from './baseline.ts'
import type { AttributionMetric } from './metrics.ts'

export interface TimeWindow {
  from: number
  to: number
}

/**
 * The metric per leaf (numerator, denominator) in each of several
 * non-overlapping windows, in one ClickHouse query: each row is tagged with
 * the window it falls in (1-based; 0 = none, filtered out). Dimension and
 * table names come from the metric catalogue only.
 */
export async function leafValuesByWindow(store: Store, metric: AttributionMetric, dimensions: string[], windows: TimeWindow[]): Promise<WindowValue[][]> {
  for (const d of dimensions) {
    if (!metric.dimensions.includes(d)) throw new Error(`dimension '${d}' is not one of ${metric.id}'s`)
    assertIdentifier(d)
  }
  assertIdentifier(metric.table)
  assertIdentifier(metric.time)
  const dims = dimensions.map((d) => `toString(${d}) AS ${d}`).join(', ')
  const sql = `
    WITH toUnixTimestamp64Milli(toDateTime64(${metric.time}, 3)) AS t
    SELECT arrayFirstIndex((s, e) -> t >= s AND t < e, {starts:Array(Int64)}, {ends:Array(Int64)}) AS w, ${dims},
           ${metric.numerator} AS numerator, ${metric.denominator} AS denominator
    FROM ${metric.table}
    WHERE ${metric.time} >= {lo:DateTime64(3)} AND ${metric.time} < {hi:DateTime64(3)} AND (${metric.filter})
      AND w > 0
    GROUP BY w, ${dimensions.join(', ')}`
  const rows = await store.query<Record<string, string | number>>(sql, {
    starts: windows.map((w) => w.from),
    ends: windows.map((w) => w.to),
    lo: chTime(Math.min(...windows.map((w) => w.from))),
    hi: chTime(Math.max(...windows.map((w) => w.to))),
  })
  const out: WindowValue[][] = windows.map(() => [])
  for (const row of rows) {
    out[Number(row.w) - 1]!.push({ values: dimensions.map((d) => String(row[d])), numerator: Number(row.numerator), denominator: Number(row.denominator) })
  }
  return out
}

/** ClickHouse's DateTime64 text form, UTC. */
const chTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
