import type { Store } from '../../core/store/index.ts'
import { METRICS, previousDays, type RootCause } from '../../analyzer/attribution/index.ts'
import { leafValuesByWindow } from '../../analyzer/attribution/store-leaves.ts'
import type { FaultSpec } from '../../simulator/index.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A labelled fault and the metric whose deviation should point at its scope. */
export interface AttributionScenario {
  fault: FaultSpec
  metric: keyof typeof METRICS
}

/** Simulated span start (China midnight); day 1 is the baseline, faults fall on later days. */
export const SIM_FROM = Date.parse('2026-11-03T00:00:00+08:00')
const at = (day: number, hour: number) => SIM_FROM + day * DAY + hour * HOUR
const fault = (scenario: FaultSpec['scenario'], start: number, hours: number, scope: Record<string, string>, intensity = 1): FaultSpec => ({ scenario, start, durationMs: hours * HOUR, intensity, scope })

/** Three stories with their scope on the metric's dimensions, on day 2 (the test). */
export const TEST_SCENARIOS: AttributionScenario[] = [
  { fault: fault('ip_whitelist', at(1, 9), 2, { client_ip: '10.8.1.21', endpoint: '/callback/shipment' }), metric: 'call_failures' },
  { fault: fault('throttling', at(1, 13), 1, { target_system: 'jd_api' }, 0.6), metric: 'call_failures' },
  { fault: fault('traffic_surge', at(1, 20), 1, { channel: 'kuaishou' }), metric: 'orders' },
]

/** Nine, over days 2 and 3 at hours of their own (the benchmark); ratio variants are scored on call_success_rate too. */
export const BENCH_SCENARIOS: AttributionScenario[] = [
  ...TEST_SCENARIOS,
  { fault: fault('ip_whitelist', at(2, 10), 2, { client_ip: '10.8.2.21', endpoint: '/callback/shipment' }), metric: 'call_failures' },
  { fault: fault('ip_whitelist', at(1, 15), 2, { client_ip: '10.8.3.21', endpoint: '/callback/shipment' }), metric: 'call_failures' },
  { fault: fault('throttling', at(2, 14), 1, { target_system: 'taobao_api' }, 0.6), metric: 'call_failures' },
  { fault: fault('throttling', at(2, 19), 1, { target_system: 'pdd_api' }, 0.8), metric: 'call_failures' },
  { fault: fault('traffic_surge', at(2, 21), 1, { channel: 'douyin' }), metric: 'orders' },
  { fault: fault('traffic_surge', at(2, 11), 1, { channel: 'miniprogram' }), metric: 'orders' },
]

/**
 * Whether a found root cause IS the fault's scope on the metric's
 * dimensions: both pick out exactly the same leaves among every leaf seen in
 * the period or its baseline (so {client_ip: X} matches {client_ip: X,
 * endpoint: E} when X only ever calls E, but {endpoint: E} does not).
 */
export async function scopeMatcher(store: Store, metricId: string, from: number, to: number, scope: Record<string, string>): Promise<(cause: RootCause) => boolean> {
  const metric = METRICS[metricId]!
  const dims = [...metric.dimensions]
  const truth = Object.fromEntries(Object.entries(scope).filter(([d]) => dims.includes(d)))
  if (Object.keys(truth).length === 0) return () => false
  const windows = await leafValuesByWindow(store, metric, dims, [{ from, to }, ...previousDays(from, to)])
  const leaves = new Map(windows.flat().map((v) => [v.values.join('\u0000'), v.values]))
  const selects = (cause: RootCause, leaf: string[]) => Object.entries(cause).every(([d, v]) => leaf[dims.indexOf(d)] === v)
  return (cause) => [...leaves.values()].every((leaf) => selects(cause, leaf) === selects(truth, leaf))
}
