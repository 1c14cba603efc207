import type { SimEnv } from '../env.ts'
import type { Step } from '../faults.ts'
import type { SimOrder } from '../model/order.ts'

/** Runtime facts about an order that later steps and customer queries depend on. */
export interface OrderRuntime {
  /** Latest state each system has recorded. */
  states: Map<string, string>
  omsKnows: boolean
  shippedAt?: number
  queuedAt?: number
}

export interface ReportOptions {
  /** Include the identifying fields so the collector computes the fingerprint itself. */
  identify?: boolean
  manualChange?: { operator: string; fields: { field: string; before: string; after: string }[] }
}

/**
 * Emits one system's record of an order's state, unless a scenario keeps
 * that system from ever learning it. The channel speaks its native state
 * names; internal systems speak canonical ones.
 */
export function report(env: SimEnv, natives: Map<string, Map<string, string>>, order: SimOrder, rt: OrderRuntime, system: string, step: Step, state: string, at: number, options: ReportOptions = {}): void {
  // A system reports when the moment comes, not before: a live stream never sends the future.
  if (at > env.now() + 1_000) {
    env.schedule(at, () => report(env, natives, order, rt, system, step, state, at, options))
    return
  }
  for (const h of env.hooks) if (h.suppressReport?.(order, system, step, at, env.random)) return
  let recorded = state
  if (system === 'oms') for (const h of env.hooks) recorded = h.omsState?.(order, step, at) ?? recorded
  rt.states.set(system, recorded)
  const native = system === 'channel' ? natives.get(order.channel.id)?.get(recorded) : undefined
  const c = order.consignee
  env.emit('orders', {
    event_id: env.nextEventId('e'),
    ...(options.identify ? { buyer_id: order.buyerId, order_time: new Date(order.createdAt).toISOString(), items: order.items } : { order_id: order.orderId }),
    channel: order.channel.id,
    channel_order_no: order.channelOrderNo,
    system,
    ...(native ? { native_state: native } : { state: recorded }),
    event_time: new Date(at).toISOString(),
    amount: order.amount,
    warehouse: order.warehouse.code,
    carrier: order.carrier,
    ...(rt.shippedAt !== undefined ? { tracking_no: order.trackingNo } : {}),
    region: c.province,
    customer_level: order.customerLevel,
    payment_method: order.paymentMethod,
    presale: order.presale,
    department: order.channel.department,
    consignee_name: c.name,
    consignee_phone: c.phone,
    consignee_address: c.address,
    buyer_ip: order.buyerIp,
    ...(options.manualChange
      ? { manual_change: true, operator: options.manualChange.operator, changed_fields: options.manualChange.fields }
      : {}),
  })
}
