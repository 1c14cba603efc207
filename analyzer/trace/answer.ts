/**
 * The answer of GET /api/v1/orders/{key}/trace, with no imports of code, so
 * the console can import it type-only (console/src/trace/types.ts).
 */
import type { Disagreement } from './disagreements.ts'

export type { Disagreement }

/** One system's record of the order; times are ClickHouse DateTime64 text in UTC without a zone ("2026-11-23 06:00:00.000"). */
export interface TraceEvent {
  event_id: string
  order_id: string
  system: string
  state: string
  native_state: string
  event_time: string
  channel: string
  channel_order_no: string
  warehouse: string
  carrier: string
  tracking_no: string
  manual_change: boolean
  operator: string
  /** Fields a person changed by hand (ClickHouse tuples come as [field, before, after] or as objects). */
  changed_fields: unknown[]
  source: string
  ingested_at: string
}

/** An interface call about the order (`ts` as in TraceEvent). */
export interface TraceCall {
  event_id: string
  ts: string
  source_system: string
  target_system: string
  endpoint: string
  direction: string
  http_status: number
  latency_ms: number
  error_code: string
  error_message: string
  client_ip: string
  retry_attempt: number
}

/** The answer of GET /api/v1/orders/{key}/trace; the console imports it type-only. */
export interface OrderTrace {
  key: string
  order_ids: string[]
  matched_by: string[]
  /** Every system's record of the order, oldest first. */
  events: TraceEvent[]
  calls: TraceCall[]
  queries: Record<string, unknown>[]
  /** Import-job runs that pulled the order into OMS. */
  jobs: Record<string, unknown>[]
  /** Latest state per system. */
  systems: Record<string, { state: string; at: string }>
  /** Systems whose latest state disagrees with the others' now (behind them, or still working a cancelled order). */
  lagging: string[]
  disagreements: Disagreement[]
}
