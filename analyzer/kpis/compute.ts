import type { Store } from '../../core/store/index.ts'
import { kpiStatus, loadKpiCatalogue, type KpiDefinition, type KpiStatus } from './catalogue.ts'
import { KPI_QUERIES, type Dimension } from './queries.ts'

export interface KpiValue {
  key: string
  value: number | null
  n: number
  status: KpiStatus
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

const catalogue = loadKpiCatalogue()

/**
 * Every KPI for a window, with the previous window of the same length for
 * comparison and, when asked, the drill-down by one dimension.
 */
export async function computeKpis(store: Store, request: KpiRequest): Promise<KpiResult[]> {
  const span = request.to - request.from
  const defs = catalogue.filter((d) => !request.ids || request.ids.includes(d.id)).filter((d) => KPI_QUERIES[d.id])
  const results: KpiResult[] = []
  for (const def of defs) {
    const query = KPI_QUERIES[def.id]!
    const [current] = await run(store, query.sql(undefined), request.from, request.to)
    const [previous] = await run(store, query.sql(undefined), request.from - span, request.from)
    const value = current?.value ?? null
    const prev = previous?.value ?? null
    const result: KpiResult = { ...def, value, n: current?.n ?? 0, status: kpiStatus(def, value), previous: prev, change: value !== null && prev !== null ? value - prev : null }
    if (request.dimension && query.dimensions.includes(request.dimension)) {
      result.breakdown = (await run(store, query.sql(request.dimension), request.from, request.to))
        .map((r) => ({ ...r, status: kpiStatus(def, r.value) }))
        .sort((a, b) => b.n - a.n)
    }
    results.push(result)
  }
  return results
}

async function run(store: Store, sql: string, from: number, to: number): Promise<{ key: string; value: number | null; n: number }[]> {
  const rows = await store.query<{ key: string; value: number | string | null; n: number | string }>(sql, { from: toParam(from), to: toParam(to) })
  return rows.map((r) => ({ key: r.key, value: r.value === null ? null : Number(r.value), n: Number(r.n) }))
}

const toParam = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
