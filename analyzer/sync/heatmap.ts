import type { Store } from '../../core/store/index.ts'
import { FAILED, IN_WINDOW, SYSTEM_FILTER, windowParams, type SyncWindow } from './sql.ts'
import type { HeatmapAnswer, HeatmapBy } from './types.ts'

/** The columns a heat map may be drawn by: the rollup's own dimensions, from code only. */
export const HEATMAP_BY: readonly HeatmapBy[] = ['client_ip', 'channel']

export interface HeatmapRequest extends SyncWindow {
  by: HeatmapBy
  system?: string
  /** Caps on endpoints (rows) and client IPs / channels (columns), most failures first. */
  rows: number
  columns: number
}

interface PairRow {
  target_system: string
  endpoint: string
  key: string
  n_calls: string
  n_failed: string
}

/**
 * Calls and failures per endpoint × client IP (or channel), from the
 * per-minute rollup. Only endpoints and columns with failures are kept, the
 * most failing first and capped, so one bad pair stands out on a wall screen.
 */
export async function failureHeatmap(store: Store, r: HeatmapRequest): Promise<HeatmapAnswer> {
  if (!HEATMAP_BY.includes(r.by)) throw new Error(`heat map by ${r.by} is not one of ${HEATMAP_BY.join(', ')}`)
  const pairs = await store.query<PairRow>(
    `SELECT target_system, endpoint, toString(${r.by}) AS key, sum(calls) AS n_calls, sumIf(calls, ${FAILED}) AS n_failed
     FROM calls_per_minute WHERE ${IN_WINDOW}${r.system ? ` AND ${SYSTEM_FILTER}` : ''}
     GROUP BY target_system, endpoint, key`,
    windowParams(r, r.system ? { system: r.system } : {}),
  )
  const rowOf = (p: PairRow) => `${p.target_system} ${p.endpoint}`
  const rowTotals = totals(pairs, rowOf)
  const colTotals = totals(pairs, (p) => p.key)
  const failing = <T extends { failures: number }>(m: Map<string, T>) => [...m].filter(([, t]) => t.failures > 0).sort(([ka, a], [kb, b]) => b.failures - a.failures || ka.localeCompare(kb))
  const rowKeys = failing(rowTotals)
  const colKeys = failing(colTotals)
  const rowIndex = new Map(rowKeys.slice(0, r.rows).map(([k], i) => [k, i]))
  const colIndex = new Map(colKeys.slice(0, r.columns).map(([k], i) => [k, i]))
  const cells = pairs
    .filter((p) => rowIndex.has(rowOf(p)) && colIndex.has(p.key))
    .map((p) => ({ row: rowIndex.get(rowOf(p))!, col: colIndex.get(p.key)!, calls: Number(p.n_calls), failures: Number(p.n_failed) }))
    .sort((a, b) => a.row - b.row || a.col - b.col)
  return {
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    by: r.by,
    system: r.system ?? null,
    rows: [...rowIndex.keys()].map((k) => ({ ...rowTotals.get(k)!.id, calls: rowTotals.get(k)!.calls, failures: rowTotals.get(k)!.failures })),
    columns: [...colIndex.keys()].map((key) => ({ key, calls: colTotals.get(key)!.calls, failures: colTotals.get(key)!.failures })),
    cells,
    total_rows: rowKeys.length,
    total_columns: colKeys.length,
  }
}

/** Calls and failures summed per key (an endpoint, or a column value). */
function totals(pairs: PairRow[], keyOf: (p: PairRow) => string) {
  const out = new Map<string, { id: { target_system: string; endpoint: string }; calls: number; failures: number }>()
  for (const p of pairs) {
    const t = out.get(keyOf(p)) ?? { id: { target_system: p.target_system, endpoint: p.endpoint }, calls: 0, failures: 0 }
    t.calls += Number(p.n_calls)
    t.failures += Number(p.n_failed)
    out.set(keyOf(p), t)
  }
  return out
}
