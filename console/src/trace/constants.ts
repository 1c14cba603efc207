import type { DisagreementWindow, ExampleKey, FindingSamples, LaneSegment, OrderTrace, TraceCall } from './types.ts'

export const tracePath = (key: string) => `/api/v1/orders/${encodeURIComponent(key)}/trace`
export const FINDINGS_PATH = '/api/v1/findings'

/** ClickHouse's zone-less UTC text to epoch ms. */
export const utcMs = (text: string) => Date.parse(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`)

/** Lanes top to bottom in the order an order passes them: sold on a channel, taken by the hub, stocked, paid, packed, carried. */
export const SYSTEM_ORDER = ['channel', 'oms', 'erp', 'finance', 'wms', 'tms', 'crm', 'cs']

/** The systems of a trace as lanes: known ones in journey order, any other after them by name. */
export function lanesOf(trace: OrderTrace): string[] {
  const present = new Set(trace.events.map((e) => e.system))
  const known = SYSTEM_ORDER.filter((s) => present.has(s))
  return [...known, ...[...present].filter((s) => !SYSTEM_ORDER.includes(s)).sort()]
}

/** The instant the timeline ends: the last report, or now while a disagreement is still open. */
export function timelineEnd(trace: OrderTrace, nowMs: number): number {
  const last = Math.max(...trace.events.map((e) => utcMs(e.event_time)))
  return trace.disagreements.some((d) => !d.to) ? Math.max(last, nowMs) : last
}

/** Each system's states as stretches: a state holds from its report until the system's next one (the last until the end). */
export function segmentsOf(trace: OrderTrace, endMs: number): LaneSegment[] {
  const bySystem = new Map<string, LaneSegment[]>()
  for (const e of trace.events) {
    const lane = bySystem.get(e.system) ?? []
    const fromMs = utcMs(e.event_time)
    const previous = lane.at(-1)
    if (previous) previous.toMs = fromMs
    lane.push({ system: e.system, state: e.state, native_state: e.native_state, fromMs, toMs: endMs })
    bySystem.set(e.system, lane)
  }
  return [...bySystem.values()].flat()
}

/** The API's disagreements as time windows; an open one lasts until now. */
export const windowsOf = (trace: OrderTrace, nowMs: number): DisagreementWindow[] =>
  trace.disagreements.map((d) => ({ fromMs: Date.parse(d.from), toMs: d.to ? Date.parse(d.to) : nowMs, open: !d.to, seconds: d.seconds, states: d.states }))

/** True when the moment falls in a window where the systems disagreed. */
export const inDisagreement = (ms: number, windows: DisagreementWindow[]) => windows.some((w) => ms >= w.fromMs && ms <= w.toMs)

/** Colour of a state by how far the order has come (the analyzer's coarse scale, analyzer/trace/stages.ts). */
const STAGE_COLOUR: [RegExp, string][] = [
  [/cancel|refund|after_sales/, '#d9822b'],
  [/deliver|complete/, '#2e9d5b'],
  [/pick|transit|ship/, '#7c5cc4'],
  [/paid|lock|alloc|label|pack/, '#3b82c4'],
]
export const stateColour = (state: string) => STAGE_COLOUR.find(([re]) => re.test(state))?.[1] ?? '#8a93a6'

/** The legend under the timeline: a sample state of each stage, keyed by its message. */
export const STAGE_LEGEND = [
  { stage: 'before', sample: 'created' },
  { stage: 'paid', sample: 'paid' },
  { stage: 'shipped', sample: 'in_transit' },
  { stage: 'delivered', sample: 'delivered' },
  { stage: 'branch', sample: 'refunded' },
] as const

/** "2h 05m", "12m", "40s": how long a disagreement lasted. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`
}

/** A call that failed: an HTTP error or an error code. */
export const callFailed = (c: { http_status: number; error_code: string }) => c.http_status >= 400 || c.http_status === 0 || !!c.error_code

/** The orders a finding's evidence names: `sample_orders` (ids) or `samples` (calls with an order_id). */
const samplesOf = (f: FindingSamples): string[] => {
  const ids = Array.isArray(f.evidence.sample_orders) ? f.evidence.sample_orders : []
  const calls = Array.isArray(f.evidence.samples) ? f.evidence.samples.map((s: unknown) => (s as { order_id?: unknown } | null)?.order_id) : []
  return [...ids, ...calls].filter((k): k is string => typeof k === 'string' && k !== '')
}

/** Text from ingested data made safe for the chart's HTML tooltips. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** Where a call sits on the timeline: its caller's lane, else its target's; none when neither system has a lane. */
export function callLane(call: TraceCall, lanes: string[]): number | undefined {
  const lane = [call.source_system, call.target_system].map((s) => lanes.indexOf(s)).find((i) => i >= 0)
  return lane
}

/** Up to `limit` orders named in the findings' evidence (sample_orders), taken in turn from each finding so several patterns show. */
export function exampleKeys(findings: FindingSamples[], limit = 6): ExampleKey[] {
  const lists = findings.map((f) => ({ pattern: f.pattern, keys: samplesOf(f) }))
  const seen = new Set<string>()
  const out: ExampleKey[] = []
  for (let i = 0; out.length < limit && lists.some((l) => i < l.keys.length); i++) {
    for (const { pattern, keys } of lists) {
      const key = keys[i]
      if (key === undefined || seen.has(key) || out.length >= limit) continue
      seen.add(key)
      out.push({ key, pattern })
    }
  }
  return out
}
