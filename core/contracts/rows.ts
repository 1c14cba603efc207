import type { CallEvent } from './call-event.ts'
import type { CustomerQuery } from './customer-query.ts'
import type { JobRun } from './job-run.ts'
import type { OrderEvent } from './order-event.ts'
import type { QueueSample } from './queue-sample.ts'
import { contentEventId, orderFingerprint } from './fingerprint.ts'
import type { CanonicalState } from './lifecycle.ts'

/** What turning a valid event into a storage row needs to know. */
export interface RowContext {
  /** channel → native state → canonical state */
  stateMapping: Record<string, Record<string, CanonicalState>>
  /** Latest acceptable event time, epoch ms (now + allowed clock skew). */
  latestAcceptedMs: number
  /** Authenticated source system that sent the row. */
  source: string
  ingestedAtMs: number
}

/** Why a schema-valid row was still refused; also the metrics label. */
export type RejectCode = 'future_timestamp' | 'unmapped_state' | 'state_conflict' | 'missing_state' | 'fingerprint_input' | 'time_order'

export type RowFailure = { ok: false; code: RejectCode; field: string; reason: string }
export type RowResult = { ok: true; row: StorageRow } | RowFailure
export type StorageRow = Record<string, unknown> & { event_id: string }

const fail = (code: RejectCode, field: string, reason: string): RowFailure => ({ ok: false, code, field, reason })

function tooLate(field: string, ms: number, ctx: RowContext): RowResult | undefined {
  if (ms > ctx.latestAcceptedMs) {
    return fail('future_timestamp', field, `timestamp ${new Date(ms).toISOString()} is in the future beyond the allowed clock skew`)
  }
  return undefined
}

/** The columns every storage row shares: its id (derived from content when absent), who sent it, when it arrived. */
function finish(kind: string, e: { event_id?: string }, ctx: RowContext, fields: Record<string, unknown>): RowResult {
  return { ok: true, row: { event_id: e.event_id ?? contentEventId(kind, e), ...fields, source: ctx.source, ingested_at: ctx.ingestedAtMs } }
}

export function orderEventRow(e: OrderEvent, ctx: RowContext): RowResult {
  const eventMs = Date.parse(e.event_time)
  const late = tooLate('/event_time', eventMs, ctx)
  if (late) return late
  const state = resolveState(e, ctx)
  if (!state.ok) return state
  const orderTimeMs = e.order_time === undefined ? null : Date.parse(e.order_time)
  let orderId = e.order_id
  if (orderId === undefined) {
    const missing = (['channel_order_no', 'buyer_id', 'order_time', 'items'] as const).find((f) =>
      f === 'items' ? !e.items?.length : e[f] === undefined,
    )
    if (missing) return fail('fingerprint_input', `/${missing}`, `order_id is absent, so ${missing} is required to compute the order fingerprint`)
    orderId = orderFingerprint({
      channel: e.channel,
      channel_order_no: e.channel_order_no!,
      buyer_id: e.buyer_id!,
      order_time_ms: orderTimeMs!,
      skus: e.items!.map((i) => i.sku),
    })
  }
  const items = e.items ?? []
  return finish('orders', e, ctx, {
    order_id: orderId,
    channel: e.channel,
    channel_order_no: e.channel_order_no ?? '',
    buyer_id: e.buyer_id ?? '',
    order_time: orderTimeMs,
    system: e.system,
    state: state.state,
    native_state: e.native_state ?? '',
    event_time: eventMs,
    amount: e.amount ?? 0,
    currency: e.currency ?? 'CNY',
    items: items.map((i) => ({ sku: i.sku, name: i.name ?? '', category: i.category ?? '', qty: i.qty, price: i.price ?? 0 })),
    item_count: items.reduce((n, i) => n + i.qty, 0),
    warehouse: e.warehouse ?? '',
    carrier: e.carrier ?? '',
    tracking_no: e.tracking_no ?? '',
    region: e.region ?? '',
    customer_level: e.customer_level ?? '',
    payment_method: e.payment_method ?? '',
    presale: e.presale ?? false,
    department: e.department ?? '',
    operator: e.operator ?? '',
    consignee_name: e.consignee_name ?? '',
    consignee_phone: e.consignee_phone ?? '',
    consignee_address: e.consignee_address ?? '',
    buyer_ip: e.buyer_ip ?? '',
    manual_change: e.manual_change ?? false,
    changed_fields: (e.changed_fields ?? []).map((c) => ({ field: c.field, before: c.before ?? '', after: c.after ?? '' })),
    attributes: e.attributes ?? {},
  })
}

type StateResult = { ok: true; state: CanonicalState } | RowFailure

/** A native state must be mapped for its channel; a canonical state given alongside must agree with the mapping. */
function resolveState(e: OrderEvent, ctx: RowContext): StateResult {
  if (e.native_state === undefined) {
    if (e.state === undefined) return fail('missing_state', '/state', 'either state or native_state is required')
    return { ok: true, state: e.state }
  }
  const table = ctx.stateMapping[e.channel]
  if (!table) return fail('unmapped_state', '/native_state', `channel '${e.channel}' has no state mapping in configuration (stateMapping.${e.channel})`)
  const mapped = Object.hasOwn(table, e.native_state) ? table[e.native_state] : undefined
  if (!mapped) {
    return fail('unmapped_state', '/native_state', `native state '${e.native_state}' of channel '${e.channel}' is not mapped (add it to stateMapping.${e.channel})`)
  }
  if (e.state !== undefined && e.state !== mapped) {
    return fail('state_conflict', '/state', `state '${e.state}' contradicts native state '${e.native_state}', which channel '${e.channel}' maps to '${mapped}'`)
  }
  return { ok: true, state: mapped }
}

export function statusClass(httpStatus: number): string {
  return httpStatus === 0 ? 'none' : `${Math.floor(httpStatus / 100)}xx`
}

export function callEventRow(e: CallEvent, ctx: RowContext): RowResult {
  const ts = Date.parse(e.ts)
  const late = tooLate('/ts', ts, ctx)
  if (late) return late
  return finish('calls', e, ctx, {
    ts,
    source_system: e.source_system,
    target_system: e.target_system,
    endpoint: e.endpoint,
    direction: e.direction,
    http_status: e.http_status,
    status_class: statusClass(e.http_status),
    latency_ms: e.latency_ms,
    error_code: e.error_code ?? '',
    error_message: e.error_message ?? '',
    client_ip: e.client_ip ?? '',
    retry_attempt: e.retry_attempt ?? 0,
    payload_bytes: e.payload_bytes ?? 0,
    order_id: e.order_id ?? '',
    channel: e.channel ?? '',
    attributes: e.attributes ?? {},
  })
}

export function jobRunRow(e: JobRun, ctx: RowContext): RowResult {
  const started = Date.parse(e.started_at)
  const late = tooLate('/started_at', started, ctx)
  if (late) return late
  const finished = e.finished_at === undefined ? null : Date.parse(e.finished_at)
  if (finished !== null) {
    const lateEnd = tooLate('/finished_at', finished, ctx)
    if (lateEnd) return lateEnd
    if (finished < started) return fail('time_order', '/finished_at', 'finished_at is before started_at')
  }
  return finish('jobs', e, ctx, {
    job: e.job,
    host: e.host ?? '',
    schedule: e.schedule ?? '',
    started_at: started,
    finished_at: finished,
    duration_ms: finished === null ? null : finished - started,
    status: e.status,
    rows_moved: e.rows_moved ?? 0,
    error_message: e.error_message ?? '',
    channel: e.channel ?? '',
  })
}

export function queueSampleRow(e: QueueSample, ctx: RowContext): RowResult {
  const ts = Date.parse(e.ts)
  const late = tooLate('/ts', ts, ctx)
  if (late) return late
  return finish('queues', e, ctx, {
    ts,
    queue: e.queue,
    depth: e.depth,
    oldest_age_s: e.oldest_age_s,
    consumers: e.consumers ?? 0,
  })
}

export function customerQueryRow(e: CustomerQuery, ctx: RowContext): RowResult {
  const ts = Date.parse(e.ts)
  const late = tooLate('/ts', ts, ctx)
  if (late) return late
  return finish('queries', e, ctx, {
    ts,
    channel: e.channel,
    query_key: e.query_key,
    key_type: e.key_type ?? 'other',
    found: e.found,
    latency_ms: e.latency_ms,
    order_id: e.order_id ?? '',
    self_service: e.self_service ?? true,
  })
}
