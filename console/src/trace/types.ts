/**
 * GET /api/v1/orders/{key}/trace (analyzer/routes/trace.ts): the server's own answer type, imported type-only
 * (nothing of the server is bundled). Event times are ClickHouse DateTime64 text in UTC without a zone.
 */
export type { Disagreement, OrderTrace, TraceCall, TraceEvent } from '../../../analyzer/trace/answer.ts'

/**
 * The part of a GET /api/v1/findings finding this page reads: the sample orders in its evidence. (The server's
 * Finding type lives beside the detectors' store access, which the console cannot type-check.)
 */
export interface FindingSamples {
  pattern: string
  evidence: Record<string, unknown>
}

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
