import type { Store } from '../../core/store/index.ts'
import type { KpiResult } from './answers.ts'
import { kpiStatus, loadKpiCatalogue, type KpiDefinition } from './catalogue.ts'
import { KPI_QUERIES, type Dimension } from './queries.ts'
import { sharedSql } from './sources.ts'
import type { SourceId } from './sql.ts'

export type { KpiResult, KpiValue } from './answers.ts'

export interface KpiRequest {
  from: number
  to: number
  dimension?: Dimension
  /** Only these KPIs (all when absent). */
  ids?: string[]
}

/** One row of a KPI query: drill-down key, bucket number, value and the count behind it. */
export interface KpiRow {
  key: string
  b: number
  value: number | null
  n: number
}

export const DEFAULT_CATALOGUE = loadKpiCatalogue()

/**
 * Every KPI for a window, with the previous window of the same length for
 * comparison and, when asked, the drill-down by one dimension. Each query
 * reads [from − span, to) once, in two buckets: previous and current.
 */
export async function computeKpis(store: Store, request: KpiRequest, catalogue: KpiDefinition[] = DEFAULT_CATALOGUE): Promise<KpiResult[]> {
  const span = request.to - request.from
  const defs = catalogue.filter((d) => !request.ids || request.ids.includes(d.id)).filter((d) => KPI_QUERIES[d.id])
  const window = { from: request.from - span, to: request.to, origin: request.from - span, bucket: span }
  // The totals and the drill-down are independent queries: sent together, like the KPIs of one request.
  const [rowsOf, splitOf] = await Promise.all([
    kpiRows(store, defs.map((d) => d.id), undefined, window),
    request.dimension
      ? kpiRows(store, defs.filter((d) => KPI_QUERIES[d.id]!.dimensions.includes(request.dimension!)).map((d) => d.id), request.dimension, window)
      : new Map<string, KpiRow[]>(),
  ])
  return defs.map((def) => {
    const rows = rowsOf.get(def.id)!
    const value = rows.find((r) => r.b === 1)?.value ?? null
    const prev = rows.find((r) => r.b === 0)?.value ?? null
    const n = rows.find((r) => r.b === 1)?.n ?? 0
    const result: KpiResult = { ...def, value, n, status: kpiStatus(def, value), previous: prev, change: value !== null && prev !== null ? value - prev : null }
    const split = splitOf.get(def.id)
    if (split) {
      const previousByKey = new Map(split.filter((r) => r.b === 0).map((r) => [r.key, r.value]))
      result.breakdown = split
        .filter((r) => r.b === 1)
        .map((r) => ({ key: r.key, value: r.value, n: r.n, status: kpiStatus(def, r.value), previous: previousByKey.get(r.key) ?? null }))
        .sort((a, b) => b.n - a.n)
    }
    return result
  })
}

/**
 * Rows of each KPI by id. The KPIs over one shared source read it in one
 * scan; every other KPI runs its own query.
 */
export async function kpiRows(store: Store, ids: string[], dimension: Dimension | undefined, w: Window): Promise<Map<string, KpiRow[]>> {
  const out = new Map<string, KpiRow[]>()
  const bySource = new Map<SourceId, string[]>()
  for (const id of ids) {
    const source = KPI_QUERIES[id]!.shared?.source
    if (source) bySource.set(source, [...(bySource.get(source) ?? []), id])
  }
  // The queries are independent: sent together, ClickHouse runs them side by side on the cores it has.
  const shared = [...bySource].filter(([, group]) => group.length >= 2)
  const grouped = new Set(shared.flatMap(([, group]) => group))
  await Promise.all([
    ...shared.map(async ([source, group]) => {
      const rows = await store.query<Record<string, string | number | null>>(sharedSql(source, dimension, group.map((id) => KPI_QUERIES[id]!.shared!)), params(w))
      group.forEach((id, i) => out.set(id, rows.map((r) => toRow({ key: r.key, b: r.b, value: r[`value_${i}`], n: r[`n_${i}`] }))))
    }),
    ...ids.filter((id) => !grouped.has(id)).map(async (id) => out.set(id, await runKpiQuery(store, KPI_QUERIES[id]!.sql(dimension), w))),
  ])
  return out
}

export interface Window {
  from: number
  to: number
  origin: number
  bucket: number
}

/** Runs one KPI query over [from, to) in buckets of `bucket` ms counted from `origin` (all epoch ms). */
export async function runKpiQuery(store: Store, sql: string, w: Window): Promise<KpiRow[]> {
  const rows = await store.query<Record<string, string | number | null>>(sql, params(w))
  return rows.map(toRow)
}

const params = (w: Window) => ({ from: toParam(w.from), to: toParam(w.to), origin: w.origin, bucket: w.bucket })

/** NaN (an average over nothing) and null both mean no value. */
function toRow(r: Record<string, string | number | null | undefined>): KpiRow {
  const value = r.value === null || r.value === undefined || Number.isNaN(Number(r.value)) ? null : Number(r.value)
  return { key: String(r.key), b: Number(r.b), value, n: Number(r.n) }
}

const toParam = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
