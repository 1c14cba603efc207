/** GET /api/v1/orders/{key}/trace (analyzer/routes/trace.ts; OrderTrace in analyzer/trace/trace.ts). */
export interface TraceEvent {
  event_id: string
  order_id: string
  system: string
  state: string
  native_state?: string
  /** ClickHouse DateTime64 text in UTC, without a zone ("2026-11-23 06:00:00.000"). */
  event_time: string
  [column: string]: unknown
}

export interface Disagreement {
  from: string
  /** Absent while it lasts. */
  to?: string
  seconds: number
  states: Record<string, string>
}

export interface OrderTrace {
  key: string
  order_ids: string[]
  matched_by: string[]
  events: TraceEvent[]
  systems: Record<string, { state: string; at: string }>
  disagreements: Disagreement[]
}
