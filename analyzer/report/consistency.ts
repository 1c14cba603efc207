import type { Store } from '../../core/store/index.ts'
import type { ChannelConsistency, ConsistencyReport } from './answers.ts'
import { CALLS_SQL, ORDERS_SQL } from './consistency-sql.ts'

export const REPORT_TIMEZONE = 'Asia/Shanghai'
const DAY = 86_400_000

export type { ChannelConsistency, ConsistencyReport } from './answers.ts'

export function chinaDay(date: string): { from: number; to: number } {
  const from = Date.parse(`${date}T00:00:00+08:00`)
  return { from, to: from + DAY }
}

/** The daily cross-system consistency report (domain.md), per channel and in total. */
export async function consistencyReport(store: Store, date: string): Promise<ConsistencyReport> {
  const { from, to } = chinaDay(date)
  const params = { from: param(from), to: param(to) }
  const [orders, calls] = await Promise.all([
    store.query<Record<string, string>>(ORDERS_SQL, params),
    store.query<Record<string, string>>(CALLS_SQL, params),
  ])
  const byChannel = new Map<string, Omit<ChannelConsistency, 'landing_success_rate' | 'duplicate_rate' | 'timeout_rate'>>()
  const row = (channel: string) => {
    let r = byChannel.get(channel)
    if (!r) {
      r = { channel, channel_orders: 0, landed: 0, created_records: 0, duplicate_records: 0, gross_orders: 0, net_orders: 0, calls: 0, timeouts: 0 }
      byChannel.set(channel, r)
    }
    return r
  }
  for (const o of orders) {
    Object.assign(row(o.channel!), {
      channel_orders: Number(o.channel_orders),
      landed: Number(o.landed),
      created_records: Number(o.created_records),
      duplicate_records: Number(o.duplicate_records),
      gross_orders: Number(o.gross_orders),
      net_orders: Number(o.net_orders),
    })
  }
  for (const c of calls) Object.assign(row(c.channel!), { calls: Number(c.calls), timeouts: Number(c.timeouts) })
  const counts = [...byChannel.values()].sort((a, b) => b.net_orders - a.net_orders || a.channel.localeCompare(b.channel))
  const total = counts.reduce(
    (t, r) => {
      for (const k of ['channel_orders', 'landed', 'created_records', 'duplicate_records', 'gross_orders', 'net_orders', 'calls', 'timeouts'] as const) t[k] += r[k]
      return t
    },
    { channel: 'all', channel_orders: 0, landed: 0, created_records: 0, duplicate_records: 0, gross_orders: 0, net_orders: 0, calls: 0, timeouts: 0 },
  )
  return { date, timezone: REPORT_TIMEZONE, from: new Date(from).toISOString(), to: new Date(to).toISOString(), channels: counts.map(withRates), total: withRates(total) }
}

function withRates(r: Omit<ChannelConsistency, 'landing_success_rate' | 'duplicate_rate' | 'timeout_rate'>): ChannelConsistency {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null)
  return {
    ...r,
    landing_success_rate: ratio(r.landed, r.channel_orders),
    duplicate_rate: ratio(r.duplicate_records, r.created_records),
    timeout_rate: ratio(r.timeouts, r.calls),
  }
}

const param = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
