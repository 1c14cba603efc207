/**
 * GET /api/v1/orders/{key}/trace (analyzer/routes/trace.ts): the server's own answer type, imported type-only
 * (nothing of the server is bundled). Event times are ClickHouse DateTime64 text in UTC without a zone.
 */
export type { Disagreement, OrderTrace, TraceCall, TraceEvent } from '../../../analyzer/trace/answer.ts'

/** GET /api/v1/findings (analyzer/findings/answer.ts): the page reads the sample orders in the findings' evidence. */
import type { StoredFinding } from '../../../analyzer/findings/answer.ts'
export type FindingSamples = Pick<StoredFinding, 'pattern' | 'evidence'>

/** One stretch of a system's lane: the state it reported, from that report until its next one. */
export interface LaneSegment {
  system: string
  state: string
  native_state: string
  fromMs: number
  toMs: number
}

/** A window during which the systems disagreed; `open` while it lasts (drawn up to now). */
export interface DisagreementWindow {
  fromMs: number
  toMs: number
  open: boolean
  seconds: number
  states: Record<string, string>
}

/** An order worth tracing, offered as an example: a sample of an active finding. */
export interface ExampleKey {
  key: string
  pattern: string
}
