import type { Store } from '../../core/store/index.ts'
import type { KpiResult, SeriesPoint } from './answers.ts'
import { kpiStatus, loadKpiCatalogue, type KpiDefinition } from './catalogue.ts'
import { KPI_QUERIES, type Dimension } from './queries.ts'
import { scanSql } from './sources.ts'
import { SPLIT_TREND_PARAMS, TREND_PARAMS, type SourceId } from './sql.ts'
import { bucketCount, bucketStart } from './series.ts'

export type { KpiResult, KpiValue } from './answers.ts'

export interface KpiRequest {
  from: number
  to: number
  dimension?: Dimension
  /** Only these KPIs (all when absent). */
  ids?: string[]
  /**
   * Also each KPI over the window in buckets of this size (ms, from a China-local boundary), read in the same
   * scans as the values: the cards' sparklines, and with a dimension each value's line (the drill-down's).
   */
  trendBucket?: number
  /** With a dimension: each value's line in buckets of this size instead of trendBucket's (fewer, fuller points per value). */
  breakdownTrendBucket?: number
  /** false: only the breakdown by `dimension` (value, previous and n of the whole are left empty); spares the drill-down a scan it does not show. */
  totals?: boolean
}

/** One row of a KPI query: drill-down key, bucket number, value and the count behind it. */
export interface KpiRow {
  key: string
  b: number
  value: number | null
  n: number
}

/** The rows of one KPI: the whole by period and by trend bucket, each breakdown value by period and by its trend bucket. */
export interface KpiRowSet {
  rows: KpiRow[]
  trend: KpiRow[]
  split: KpiRow[]
  splitTrend: KpiRow[]
}

/** Trend buckets read with the periods: whole buckets of `bucket` ms from `origin`, `count` of them. */
export interface TrendBuckets {
  origin: number
  bucket: number
  count: number
}

/** What kpiRowSets reads: the whole, a breakdown by a dimension, or both, each with its trend buckets when given. */
export interface RowSetRequest {
  totals: boolean
  dimension?: Dimension
  trend?: TrendBuckets
  splitTrend?: TrendBuckets
}

export const DEFAULT_CATALOGUE = loadKpiCatalogue()

/**
 * Every KPI for a window, with the previous window of the same length for
 * comparison and, when asked, the drill-down by one dimension and the trend
 * (sparkline) points. Each query reads [from − span, to) once, in two
 * buckets: previous and current (and the trend buckets of the current one);
 * the whole and the breakdown of a shared source come from the same scan.
 */
export async function computeKpis(store: Store, request: KpiRequest, catalogue: KpiDefinition[] = DEFAULT_CATALOGUE): Promise<KpiResult[]> {
  const span = request.to - request.from
  const defs = catalogue.filter((d) => !request.ids || request.ids.includes(d.id)).filter((d) => KPI_QUERIES[d.id])
  const window = { from: request.from - span, to: request.to, origin: request.from - span, bucket: span, period: request.from }
  const trend = request.trendBucket ? trendBuckets(request.from, request.to, request.trendBucket) : undefined
  const splitBucket = request.breakdownTrendBucket ?? request.trendBucket
  const splitTrend = request.dimension && splitBucket ? trendBuckets(request.from, request.to, splitBucket) : undefined
  const totals = request.totals !== false || !request.dimension
  const sets = await kpiRowSets(store, defs.map((d) => d.id), { totals, dimension: request.dimension, trend, splitTrend }, window)
  return defs.map((def) => {
    const set = sets.get(def.id)!
    const rows = set.rows
    const value = rows.find((r) => r.b === 1)?.value ?? null
    const prev = rows.find((r) => r.b === 0)?.value ?? null
    const n = rows.find((r) => r.b === 1)?.n ?? 0
    const result: KpiResult = { ...def, value, n, status: kpiStatus(def, value), previous: prev, change: value !== null && prev !== null ? value - prev : null }
    if (trend && totals) result.points = trendPoints(set.trend, trend)
    if (request.dimension && KPI_QUERIES[def.id]!.dimensions.includes(request.dimension)) {
      const previousByKey = new Map(set.split.filter((r) => r.b === 0).map((r) => [r.key, r.value]))
      result.breakdown = set.split
        .filter((r) => r.b === 1)
        .map((r) => ({
          key: r.key,
          value: r.value,
          n: r.n,
          status: kpiStatus(def, r.value),
          previous: previousByKey.get(r.key) ?? null,
          ...(splitTrend ? { points: trendPoints(set.splitTrend.filter((t) => t.key === r.key), splitTrend) } : {}),
        }))
        .sort((a, b) => b.n - a.n)
    }
    return result
  })
}

export function trendBuckets(from: number, to: number, size: number): TrendBuckets {
  return { origin: bucketStart(from, size), bucket: size, count: bucketCount(from, to, size) }
}

/** Every trend bucket on one time axis; a bucket without data is value null, n 0. */
export function trendPoints(rows: KpiRow[], trend: TrendBuckets): SeriesPoint[] {
  const byBucket = new Map(rows.map((r) => [r.b, r]))
  return Array.from({ length: trend.count }, (_, b) => {
    const row = byBucket.get(b)
    return { t: new Date(trend.origin + b * trend.bucket).toISOString(), value: row?.value ?? null, n: row?.n ?? 0 }
  })
}

/** Rows of each KPI over the whole window by id (see kpiRowSets). */
export async function kpiRows(store: Store, ids: string[], w: Window): Promise<Map<string, KpiRow[]>> {
  const sets = await kpiRowSets(store, ids, { totals: true }, w)
  return new Map([...sets].map(([id, set]) => [id, set.rows]))
}

/**
 * Rows of each KPI by id, as `ask` says: the whole and/or the breakdown by a
 * dimension (for the KPIs that drill down by it), each with its trend rows
 * when asked. The KPIs over one source read it in one scan for all of that
 * (sources.ts): one query per source, whatever the request asks.
 */
export async function kpiRowSets(store: Store, ids: string[], ask: RowSetRequest, w: Window): Promise<Map<string, KpiRowSet>> {
  const out = new Map<string, KpiRowSet>(ids.map((id) => [id, { rows: [], trend: [], split: [], splitTrend: [] }]))
  const bySource = new Map<SourceId, string[]>()
  for (const id of ids) {
    const source = KPI_QUERIES[id]!.measure.source
    bySource.set(source, [...(bySource.get(source) ?? []), id])
  }
  // The queries are independent: sent together, a ClickHouse server runs them side by side (chDB one after another).
  await Promise.all(
    [...bySource].map(async ([source, group]) => {
      const dimension = ask.dimension && KPI_QUERIES[group[0]!]!.dimensions.includes(ask.dimension) ? ask.dimension : undefined
      if (!ask.totals && !dimension) return
      const shape = { totals: ask.totals, dimension, trend: ask.totals && !!ask.trend, splitTrend: !!dimension && !!ask.splitTrend }
      const measures = group.map((id) => KPI_QUERIES[id]!.measure)
      const rows = await store.query<Record<string, string | number | null>>(scanSql(source, measures, shape), {
        ...params(w),
        ...(shape.trend ? bucketParams(TREND_PARAMS, ask.trend!) : {}),
        ...(shape.splitTrend ? bucketParams(SPLIT_TREND_PARAMS, ask.splitTrend!) : {}),
      })
      const column = (name: string, i: number) => (measures.length === 1 ? name : `${name}_${i}`)
      // grouping() is 0 where the column is grouped; a scan of one grouping set has no flags.
      const grouped = (r: Record<string, string | number | null>, name: string) => r[`g_${name}`] !== undefined && Number(r[`g_${name}`]) === 0
      group.forEach((id, i) => {
        const set = out.get(id)!
        for (const r of rows) {
          const whole = !dimension || (shape.totals && !grouped(r, 'key'))
          const trendColumn = whole ? 'h' : 'hs'
          const inTrend = grouped(r, trendColumn)
          if (inTrend && Number(r[trendColumn]) < 0) continue
          const row = toRow({ key: whole ? 'all' : r.key, b: inTrend ? r[trendColumn] : r.b, value: r[column('value', i)], n: r[column('n', i)] })
          if (whole) (inTrend ? set.trend : set.rows).push(row)
          else (inTrend ? set.splitTrend : set.split).push(row)
        }
      })
    }),
  )
  return out
}

const bucketParams = (names: { origin: string; bucket: string }, t: TrendBuckets) => ({ [names.origin]: t.origin, [names.bucket]: t.bucket })

export interface Window {
  from: number
  to: number
  origin: number
  bucket: number
  /** Where the current period starts when the window holds two (previous, current); from when absent. */
  period?: number
}

/** Runs one KPI query over [from, to) in buckets of `bucket` ms counted from `origin` (all epoch ms). */
export async function runKpiQuery(store: Store, sql: string, w: Window): Promise<KpiRow[]> {
  const rows = await store.query<Record<string, string | number | null>>(sql, params(w))
  return rows.map(toRow)
}

const params = (w: Window) => ({ from: toParam(w.from), to: toParam(w.to), origin: w.origin, bucket: w.bucket, period: toParam(w.period ?? w.from) })

/** NaN (an average over nothing) and null both mean no value. */
function toRow(r: Record<string, string | number | null | undefined>): KpiRow {
  const value = r.value === null || r.value === undefined || Number.isNaN(Number(r.value)) ? null : Number(r.value)
  return { key: String(r.key), b: Number(r.b), value, n: Number(r.n) }
}

const toParam = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
