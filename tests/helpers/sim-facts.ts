import { createHash } from 'node:crypto'
import { KIND_NAMES, type KindName } from '../../core/contracts/index.ts'
import type { Store } from '../../core/store/index.ts'
import type { Sink } from '../../simulator/index.ts'

export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

/** Epoch ms of a wall-clock time in China (UTC+8), e.g. chinaTime('2026-03-10T20:00:00'). */
export const chinaTime = (local: string): number => Date.parse(`${local}+08:00`)

/** A sink that keeps every event in memory, per kind, in the order the engine wrote them. */
export interface MemorySink extends Sink {
  events: Record<KindName, Record<string, unknown>[]>
}

export function memorySink(): MemorySink {
  const events = Object.fromEntries(KIND_NAMES.map((k) => [k, []])) as unknown as Record<KindName, Record<string, unknown>[]>
  return {
    events,
    async write(kind, batch) {
      for (const e of batch) events[kind].push(e as Record<string, unknown>)
    },
    async close() {},
  }
}

/** sha256 of every event of each kind as JSON, one line per event. */
export function digestByKind(events: Record<KindName, Record<string, unknown>[]>): Record<KindName, string> {
  return Object.fromEntries(
    KIND_NAMES.map((k) => {
      const h = createHash('sha256')
      for (const e of events[k]) h.update(JSON.stringify(e)).update('\n')
      return [k, h.digest('hex')]
    }),
  ) as Record<KindName, string>
}

/** Runs a parameterised query; 64-bit integers come back as strings, so callers convert with Number(). */
export function q<T = Record<string, string>>(store: Store, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return store.query<T>(sql, params)
}

export async function scalar(store: Store, sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const rows = await q<{ v: string | number }>(store, sql, params)
  return Number(rows[0]?.v)
}

/** What the stored events say about one order; times are epoch ms, undefined when the event never came. */
export interface OrderFacts {
  orderId: string
  channel: string
  warehouse: string
  carrier: string
  /** The stored `region` column (the consignee's province). */
  region: string
  presale: boolean
  consigneeName: string
  channelOrderNo: string
  /** channel events */
  created?: number
  paid?: number
  depositPaid?: number
  balancePaid?: number
  cancelled?: number
  /** OMS: its first record of the order (manual re-creations excluded) and later steps */
  firstOms?: number
  omsBalancePaid?: number
  omsPickedUp?: number
  /** ERP, WMS, TMS */
  stockLocked?: number
  wmsAllocated?: number
  wmsPickedUp?: number
  tmsPickedUp?: number
  tmsInTransit?: number
  tmsDelivered?: number
}

const FACT_TIMES: [keyof OrderFacts, string][] = [
  ['created', "system = 'channel' AND state = 'created'"],
  ['paid', "system = 'channel' AND state = 'paid'"],
  ['depositPaid', "system = 'channel' AND state = 'deposit_paid'"],
  ['balancePaid', "system = 'channel' AND state = 'balance_paid'"],
  ['cancelled', "system = 'channel' AND state = 'cancelled'"],
  // Re-creations keyed in by hand carry the identifying fields (buyer_id); the OMS's own records do not.
  ['firstOms', "system = 'oms' AND buyer_id = ''"],
  ['omsBalancePaid', "system = 'oms' AND state = 'balance_paid'"],
  ['omsPickedUp', "system = 'oms' AND state = 'picked_up'"],
  ['stockLocked', "system = 'erp' AND state = 'stock_locked'"],
  ['wmsAllocated', "system = 'wms' AND state = 'allocated'"],
  ['wmsPickedUp', "system = 'wms' AND state = 'picked_up'"],
  ['tmsPickedUp', "system = 'tms' AND state = 'picked_up'"],
  ['tmsInTransit', "system = 'tms' AND state = 'in_transit'"],
  ['tmsDelivered', "system = 'tms' AND state = 'delivered'"],
]

/** One row per order id in order_events, with the first time of each lifecycle step per system. */
export async function loadOrderFacts(store: Store): Promise<Map<string, OrderFacts>> {
  const times = FACT_TIMES.map(([name, cond]) => `toUnixTimestamp64Milli(minIf(event_time, ${cond})) AS ${name}`).join(',\n  ')
  const rows = await q<Record<string, string | boolean>>(
    store,
    `SELECT order_id,
       any(channel) AS channel,
       anyIf(warehouse, warehouse != '') AS warehouse,
       anyIf(carrier, carrier != '') AS carrier,
       anyIf(region, region != '') AS region,
       max(presale) AS presale,
       anyIf(consignee_name, consignee_name != '') AS consignee_name,
       anyIf(channel_order_no, system = 'channel') AS channel_order_no,
       ${times}
     FROM order_events
     GROUP BY order_id`,
  )
  const facts = new Map<string, OrderFacts>()
  for (const r of rows) {
    const f: OrderFacts = {
      orderId: String(r.order_id),
      channel: String(r.channel),
      warehouse: String(r.warehouse),
      carrier: String(r.carrier),
      region: String(r.region),
      presale: r.presale === true || String(r.presale) === '1' || r.presale === 'true',
      consigneeName: String(r.consignee_name),
      channelOrderNo: String(r.channel_order_no),
    }
    for (const [name] of FACT_TIMES) {
      const v = Number(r[name as string])
      if (v > 0) (f as unknown as Record<string, number>)[name as string] = v
    }
    facts.set(f.orderId, f)
  }
  return facts
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

export const sorted = (xs: Iterable<string>): string[] => [...xs].sort()
