import type { Store } from '../../core/store/index.ts'
import type { OrderTrace, TraceCall, TraceEvent } from './answer.ts'
import { findDisagreements } from './disagreements.ts'
import { laggingSystems } from './stages.ts'

export type { OrderTrace, TraceCall, TraceEvent } from './answer.ts'

const KEY_COLUMNS = ['order_id', 'channel_order_no', 'tracking_no'] as const

/**
 * The journey of one order across systems, found by order id, channel order
 * number or tracking number. Each key column has its own skip index, so each
 * is looked up on its own rather than in one OR.
 */
export async function traceOrder(store: Store, key: string, toleranceMs = 30 * 60_000): Promise<OrderTrace | undefined> {
  const matches = await findOrders(store, key)
  if (matches.length === 0) return undefined
  const ids = [...new Set(matches.map((m) => m.order_id))]
  // The orders' span narrows each scan to the sort-key ranges that can hold them (SQL fragments from code, values as parameters).
  const span = await orderSpan(store, ids)
  const params = { ids, ...span }
  const [events, calls, queries] = await Promise.all([
    store.query<TraceEvent>(
      `SELECT event_id, order_id, system, state, native_state, event_time, channel, channel_order_no, warehouse, carrier, tracking_no,
              manual_change, operator, changed_fields, source, ingested_at
       FROM order_events WHERE order_id IN {ids:Array(String)}${span ? ' AND event_time BETWEEN {first:DateTime64(3)} AND {last:DateTime64(3)}' : ''}
       ORDER BY event_time, system`,
      params,
    ),
    store.query<TraceCall>(
      `SELECT event_id, ts, source_system, target_system, endpoint, direction, http_status, latency_ms, error_code, error_message, client_ip, retry_attempt
       FROM interface_calls WHERE order_id IN {ids:Array(String)}${span ? ` AND ts >= ${BEFORE_FIRST}` : ''} ORDER BY ts, retry_attempt`,
      params,
    ),
    store.query<Record<string, unknown>>(
      `SELECT event_id, ts, channel, query_key, key_type, found, latency_ms, self_service FROM customer_queries
       WHERE order_id IN {ids:Array(String)}${span ? ` AND ts >= ${BEFORE_FIRST}` : ''} ORDER BY ts`,
      params,
    ),
  ])
  const jobs = await importRuns(store, events)
  const systems: OrderTrace['systems'] = {}
  for (const e of events) systems[e.system] = { state: e.state, at: e.event_time }
  const records = events.map((e) => ({ system: e.system, state: e.state, time: Date.parse(e.event_time + 'Z') }))
  return {
    key,
    order_ids: ids,
    matched_by: [...new Set(matches.map((m) => m.by))],
    events,
    calls,
    queries,
    jobs,
    systems,
    lagging: laggingSystems(new Map(Object.entries(systems).map(([system, s]) => [system, s.state]))),
    disagreements: findDisagreements(records, toleranceMs, Date.now()),
  }
}

/**
 * The orders a key names. An order id is looked up first in order_state,
 * whose primary key it is (a few ms, where a skip-index scan of the events
 * takes tens); only a key that is no order id is searched for as a channel
 * order number or a tracking number.
 */
async function findOrders(store: Store, key: string): Promise<{ order_id: string; by: string }[]> {
  const byId = await store.query<{ order_id: string; by: string }>("SELECT order_id, 'order_id' AS by FROM order_state WHERE order_id = {key:String} LIMIT 1", { key })
  if (byId.length > 0) return byId
  return store.query<{ order_id: string; by: string }>(
    KEY_COLUMNS.filter((c) => c !== 'order_id')
      .map((c) => `SELECT DISTINCT order_id, '${c}' AS by FROM order_events WHERE ${c} = {key:String}`)
      .join(' UNION ALL ') + ' LIMIT 20',
    { key },
  )
}

/** Calls and look-ups about an order come after it exists; an hour covers clocks that disagree. */
const BEFORE_FIRST = '{first:DateTime64(3)} - INTERVAL 1 HOUR'

/**
 * First and last event of the orders, from order_facts (keyed by order id, so
 * a few ms): every event lies between them, which lets the event scan use the
 * events' sort key (channel, event_time) instead of only their skip indexes.
 */
async function orderSpan(store: Store, ids: string[]): Promise<{ first: string; last: string } | undefined> {
  const [row] = await store.query<{ first: string; last: string; n: string }>(
    'SELECT min(first_at) AS first, max(last_at) AS last, uniqExact(order_id) AS n FROM order_facts WHERE order_id IN {ids:Array(String)}',
    { ids },
  )
  // Only when every order has its facts; otherwise the skip indexes alone find the events.
  return row && Number(row.n) === ids.length ? { first: row.first, last: row.last } : undefined
}

/** The runs of the channel's import job around the moment OMS first recorded the order. */
async function importRuns(store: Store, events: { system: string; event_time: string; channel: string }[]): Promise<Record<string, unknown>[]> {
  const firstOms = events.find((e) => e.system === 'oms')
  const channel = events[0]?.channel
  if (!firstOms || !channel) return []
  return store.query(
    `SELECT job, started_at, finished_at, status, rows_moved FROM job_runs
     WHERE job = {job:String} AND started_at BETWEEN {at:DateTime64(3)} - INTERVAL 15 MINUTE AND {at:DateTime64(3)}
     ORDER BY started_at DESC LIMIT 1`,
    { job: `${channel}_order_import`, at: firstOms.event_time },
  )
}
