import type { Store } from '../../core/store/index.ts'
import type { KpiResult, SeriesPoint } from './answers.ts'
import { kpiStatus, loadKpiCatalogue, type KpiDefinition } from './catalogue.ts'
import { KPI_QUERIES, type Dimension } from './queries.ts'
import { sharedSql } from './sources.ts'
import { TREND_PARAMS, type SourceId } from './sql.ts'
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

/** The rows of one KPI: by period bucket, and by trend bucket when a trend was asked. */
export interface KpiRowSet {
  rows: KpiRow[]
  trend: KpiRow[]
}

/** Trend buckets read with the periods: whole buckets of `bucket` ms from `origin`, `count` of them. */
export interface TrendBuckets {
  origin: number
  bucket: number
  count: number
}

export const DEFAULT_CATALOGUE = loadKpiCatalogue()

/**
 * Every KPI for a window, with the previous window of the same length for
 * comparison and, when asked, the drill-down by one dimension and the trend
 * (sparkline) points. Each query reads [from − span, to) once, in two
 * buckets: previous and current (and the trend buckets of the current one).
 */
export async function computeKpis(store: Store, request: KpiRequest, catalogue: KpiDefinition[] = DEFAULT_CATALOGUE): Promise<KpiResult[]> {
  const span = request.to - request.from
  const defs = catalogue.filter((d) => !request.ids || request.ids.includes(d.id)).filter((d) => KPI_QUERIES[d.id])
  const window = { from: request.from - span, to: request.to, origin: request.from - span, bucket: span, period: request.from }
  const trend = request.trendBucket ? trendBuckets(request.from, request.to, request.trendBucket) : undefined
  const withTotals = request.totals !== false || !request.dimension
  // The totals and the drill-down are independent queries: sent together, like the KPIs of one request.
  const [rowsOf, splitOf] = await Promise.all([
    withTotals ? kpiRowSets(store, defs.map((d) => d.id), undefined, window, trend) : new Map<string, KpiRowSet>(),
    request.dimension
      ? kpiRowSets(store, defs.filter((d) => KPI_QUERIES[d.id]!.dimensions.includes(request.dimension!)).map((d) => d.id), request.dimension, window, trend)
      : new Map<string, KpiRowSet>(),
  ])
  return defs.map((def) => {
    const rows = rowsOf.get(def.id)?.rows ?? []
    const value = rows.find((r) => r.b === 1)?.value ?? null
    const prev = rows.find((r) => r.b === 0)?.value ?? null
    const n = rows.find((r) => r.b === 1)?.n ?? 0
    const result: KpiResult = { ...def, value, n, status: kpiStatus(def, value), previous: prev, change: value !== null && prev !== null ? value - prev : null }
    const totals = rowsOf.get(def.id)
    if (trend && totals) result.points = trendPoints(totals.trend, trend)
    const split = splitOf.get(def.id)
    if (split) {
      const previousByKey = new Map(split.rows.filter((r) => r.b === 0).map((r) => [r.key, r.value]))
      result.breakdown = split.rows
        .filter((r) => r.b === 1)
        .map((r) => ({
          key: r.key,
          value: r.value,
          n: r.n,
          status: kpiStatus(def, r.value),
          previous: previousByKey.get(r.key) ?? null,
          ...(trend ? { points: trendPoints(split.trend.filter((t) => t.key === r.key), trend) } : {}),
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

/** Rows of each KPI by id (see kpiRowSets). */
export async function kpiRows(store: Store, ids: string[], dimension: Dimension | undefined, w: Window): Promise<Map<string, KpiRow[]>> {
  const sets = await kpiRowSets(store, ids, dimension, w)
  return new Map([...sets].map(([id, set]) => [id, set.rows]))
}

/**
 * Rows of each KPI by id, and its trend rows when `trend` is given. The KPIs
 * over one shared source read it in one scan, trend included (sources.ts);
 * every other KPI runs its own query, and its trend a second one (they read
 * small tables).
 */
export async function kpiRowSets(store: Store, ids: string[], dimension: Dimension | undefined, w: Window, trend?: TrendBuckets): Promise<Map<string, KpiRowSet>> {
  const out = new Map<string, KpiRowSet>()
  const bySource = new Map<SourceId, string[]>()
  for (const id of ids) {
    const source = KPI_QUERIES[id]!.shared?.source
    if (source) bySource.set(source, [...(bySource.get(source) ?? []), id])
  }
  // One KPI of a source alone reads it with its own query, unless a trend is asked (then the shared scan gives both).
  const shared = [...bySource].filter(([, group]) => group.length >= 2 || trend)
  const grouped = new Set(shared.flatMap(([, group]) => group))
  const trendWindow = trend && { from: w.to - (w.to - w.from) / 2, to: w.to, origin: trend.origin, bucket: trend.bucket }
  // The queries are independent: sent together, ClickHouse runs them side by side on the cores it has.
  await Promise.all([
    ...shared.map(async ([source, group]) => {
      const measures = group.map((id) => KPI_QUERIES[id]!.shared!)
      const rows = await store.query<Record<string, string | number | null>>(sharedSql(source, dimension, measures, !!trend), { ...params(w), ...(trend ? trendParams(trend) : {}) })
      const column = (name: string, i: number) => (measures.length === 1 ? name : `${name}_${i}`)
      group.forEach((id, i) => {
        const of = (r: Record<string, string | number | null>, b: string) => toRow({ key: r.key, b: r[b], value: r[column('value', i)], n: r[column('n', i)] })
        const periodRows = trend ? rows.filter((r) => Number(r.trend_row) === 0) : rows
        const trendRows = trend ? rows.filter((r) => Number(r.trend_row) === 1 && Number(r.h) >= 0) : []
        out.set(id, { rows: periodRows.map((r) => of(r, 'b')), trend: trendRows.map((r) => of(r, 'h')) })
      })
    }),
    ...ids
      .filter((id) => !grouped.has(id))
      .map(async (id) => {
        const sql = KPI_QUERIES[id]!.sql(dimension)
        const [rows, trendRows] = await Promise.all([runKpiQuery(store, sql, w), trendWindow ? runKpiQuery(store, sql, trendWindow) : []])
        out.set(id, { rows, trend: trendRows })
      }),
  ])
  return out
}

const trendParams = (t: TrendBuckets) => ({ [TREND_PARAMS.origin]: t.origin, [TREND_PARAMS.bucket]: t.bucket })

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
