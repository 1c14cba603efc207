import type { Store } from '../../core/store/index.ts'
import { leafTableWithBaseline } from './baseline.ts'
import type { AttributionResult } from './answers.ts'
import { explainCauses } from './explain.ts'
import type { AttributionMetric } from './metrics.ts'
import { riskLoc, type RiskLocOptions } from './riskloc.ts'
import { changeZ, MIN_Z } from './significance.ts'
import { leafValuesByWindow, type TimeWindow } from './store-leaves.ts'

const DAY = 86_400_000
export const BASELINE_DAYS = 7

/**
 * RiskLoc settings for metrics read from the store, whose leaves are counts
 * (orders, calls) over minutes to hours — sparse and Poisson-noisy, unlike the
 * synthetic sets the library defaults are tuned on: 5 pseudo-observations
 * damp tiny leaves; a risk threshold of 0.15, because the leaves of a real
 * cause scatter widely around one common change when they hold a handful of
 * orders each (the significance filter below, not the risk score, is what
 * keeps noise out); and a cause must explain at least 10% of the deviation
 * to be worth an operator's time. Chosen on the simulator's scenarios with
 * seeds 21–23 (bench/attribution also scores seed 24).
 */
export const STORE_OPTIONS: RiskLocOptions = { pseudoCount: 5, riskThreshold: 0.15, pepThreshold: 0.1 }

export interface AttributionRequest {
  metric: AttributionMetric
  from: number
  to: number
  /** An explicit baseline window (scaled to the period's length); default: the same window on the previous 7 days. */
  baseline?: TimeWindow
  /** A subset of the metric's dimensions; all of them when absent. */
  dimensions?: string[]
  options?: RiskLocOptions
}

export type { AttributionResult } from './answers.ts'

/** Attribution of a metric's deviation in [from, to) against its baseline, from the store. */
export async function attributeMetric(store: Store, request: AttributionRequest): Promise<AttributionResult> {
  const { metric, from, to } = request
  const dimensions = request.dimensions ?? [...metric.dimensions]
  const baselines = request.baseline ? [request.baseline] : previousDays(from, to)
  const [period, ...history] = await leafValuesByWindow(store, metric, dimensions, [{ from, to }, ...baselines])
  const scale = request.baseline ? (to - from) / (request.baseline.to - request.baseline.from) : 1
  const { table, baselineWindowsUsed } = leafTableWithBaseline({ dimensions, ratio: metric.kind === 'ratio', period: period!, baselines: history, scale })
  const result = riskLoc(table, { ...STORE_OPTIONS, maxLayer: Math.min(3, dimensions.length), ...request.options })
  const { totals, causes } = explainCauses(table, result)
  const scored = causes.map((c) => ({ ...c, z: round(changeZ(c, baselineWindowsUsed)) }))
  const significant = scored.filter((c) => Math.abs(c.z) >= MIN_Z)
  return {
    metric: metric.id,
    kind: metric.kind,
    dimensions,
    from: iso(from),
    to: iso(to),
    baseline: { method: request.baseline ? 'window' : 'median_of_previous_days', windows: baselines.map((w) => ({ from: iso(w.from), to: iso(w.to) })), windows_with_data: baselineWindowsUsed },
    leaves: table.actual.length,
    totals: { ...totals, z: round(changeZ(totals, baselineWindowsUsed)) },
    root_causes: significant,
    insignificant_causes: scored.length - significant.length,
  }
}

/** The same window shifted back by whole days (by as many days as the period spans, so windows never overlap). */
export function previousDays(from: number, to: number): TimeWindow[] {
  const shift = Math.max(1, Math.ceil((to - from) / DAY)) * DAY
  return Array.from({ length: BASELINE_DAYS }, (_, k) => ({ from: from - (k + 1) * shift, to: to - (k + 1) * shift }))
}

const iso = (ms: number) => new Date(ms).toISOString()
const round = (v: number) => Number(v.toFixed(2))
