import type { Store } from '../../core/store/index.ts'
import { kpiStatus, loadKpiCatalogue, type KpiDefinition, type KpiStatus } from './catalogue.ts'
import { KPI_QUERIES, type Dimension } from './queries.ts'

export interface KpiValue {
  key: string
  value: number | null
  n: number
  status: KpiStatus
  previous?: number | null
}

export interface KpiResult extends KpiDefinition {
  value: number | null
  n: number
  status: KpiStatus
  previous: number | null
  /** value − previous, in the KPI's unit. */
  change: number | null
  breakdown?: KpiValue[]
}

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
 * comparison and, when asked, the drill-down by one dimension. Each KPI is
 * one scan of [from − span, to) in two buckets: previous and current.
 */
export async function computeKpis(store: Store, request: KpiRequest, catalogue: KpiDefinition[] = DEFAULT_CATALOGUE): Promise<KpiResult[]> {
  const span = request.to - request.from
  const defs = catalogue.filter((d) => !request.ids || request.ids.includes(d.id)).filter((d) => KPI_QUERIES[d.id])
  const window = { from: request.from - span, to: request.to, origin: request.from - span, bucket: span }
  const results: KpiResult[] = []
  for (const def of defs) {
    const query = KPI_QUERIES[def.id]!
    const rows = await runKpiQuery(store, query.sql(undefined), window)
    const value = rows.find((r) => r.b === 1)?.value ?? null
    const prev = rows.find((r) => r.b === 0)?.value ?? null
    const n = rows.find((r) => r.b === 1)?.n ?? 0
    const result: KpiResult = { ...def, value, n, status: kpiStatus(def, value), previous: prev, change: value !== null && prev !== null ? value - prev : null }
    if (request.dimension && query.dimensions.includes(request.dimension)) {
      const split = await runKpiQuery(store, query.sql(request.dimension), window)
      const previousByKey = new Map(split.filter((r) => r.b === 0).map((r) => [r.key, r.value]))
      result.breakdown = split
        .filter((r) => r.b === 1)
        .map((r) => ({ key: r.key, value: r.value, n: r.n, status: kpiStatus(def, r.value), previous: previousByKey.get(r.key) ?? null }))
        .sort((a, b) => b.n - a.n)
    }
    results.push(result)
  }
  return results
}

/** Runs one KPI query over [from, to) in buckets of `bucket` ms counted from `origin` (all epoch ms). */
export async function runKpiQuery(store: Store, sql: string, w: { from: number; to: number; origin: number; bucket: number }): Promise<KpiRow[]> {
  const rows = await store.query<{ key: string; b: number | string; value: number | string | null; n: number | string }>(sql, {
    from: toParam(w.from),
    to: toParam(w.to),
    origin: w.origin,
    bucket: w.bucket,
  })
  return rows.map((r) => ({ key: r.key, b: Number(r.b), value: r.value === null || Number.isNaN(Number(r.value)) ? null : Number(r.value), n: Number(r.n) }))
}

const toParam = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
