import type { SimEnv } from '../env.ts'
import type { Recreation, Step } from '../faults.ts'
import type { SimOrder } from '../model/order.ts'
import { warehouseSpeed } from '../model/rhythm.ts'
import { makeCall } from './calls.ts'
import { report, type OrderRuntime } from './report.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const OMS_IP = '10.8.0.11'

/** Orders waiting to be pulled by a channel's import job, and orders waiting to be pushed to a warehouse. */
export interface FlowQueues {
  /** Per channel: orders the next import-job run will pull, and what to do once pulled. */
  awaitingImport: Map<string, { order: SimOrder; onImported: (at: number) => void }[]>
  /** order id → when it joined the OMS → WMS push queue. */
  awaitingPush: Map<string, number>
}

/**
 * The lifecycle of one order, step by step, as each system reports it and
 * through the interface calls that carry it between systems (domain.md).
 */
export class OrderFlow {
  constructor(
    private readonly env: SimEnv,
    private readonly natives: Map<string, Map<string, string>>,
    private readonly queues: FlowQueues,
  ) {}

  start(order: SimOrder): void {
    const rt: OrderRuntime = { states: new Map(), omsKnows: false }
    this.maybeCustomerQuery(order, rt)
    this.report(order, rt, 'channel', 'intake', 'created', order.createdAt, true)
    if (order.outcome === 'unpaid') {
      this.at(order.createdAt + 30 * MIN, () => this.report(order, rt, 'channel', 'cancel', 'cancelled', order.createdAt + 30 * MIN))
      this.intake(order, rt, order.createdAt + this.env.random.lognormal(5_000, 0.5))
      return
    }
    const paidAt = order.createdAt + this.delay(order, 'pay', this.env.random.lognormal(90_000, 1))
    this.at(paidAt, () => {
      if (order.presale) {
        this.report(order, rt, 'channel', 'deposit', 'deposit_paid', paidAt)
        this.intake(order, rt, paidAt + this.env.random.lognormal(5_000, 0.5))
        let balanceAt = paidAt + this.env.random.lognormal(20 * HOUR, 0.5)
        for (const h of this.env.hooks) balanceAt = h.balanceAt?.(order, paidAt, balanceAt, this.env.random) ?? balanceAt
        this.balance(order, rt, balanceAt)
      } else {
        this.report(order, rt, 'channel', 'pay', 'paid', paidAt)
        this.report(order, rt, 'finance', 'pay', 'paid', paidAt + this.env.random.lognormal(3 * MIN, 0.5))
        this.intake(order, rt, paidAt + this.env.random.lognormal(5_000, 0.5), () => this.stockLock(order, rt))
      }
    })
  }

  /** The order keyed in again by hand elsewhere: a 'created' record under the same (or a mistyped) number. */
  recreate(order: SimOrder, copy: Recreation): void {
    const at = order.createdAt + copy.delayMs
    const keyed = { ...order, channelOrderNo: copy.channelOrderNo }
    this.at(at, () => report(this.env, this.natives, keyed, { states: new Map(), omsKnows: false }, copy.system, 'intake', 'created', at, { identify: true }))
  }

  /** OMS learns of the order: pushed by the channel now, or pulled by the next import-job run. */
  private intake(order: SimOrder, rt: OrderRuntime, at: number, then?: () => void): void {
    const proceed = (when: number) => {
      rt.omsKnows = true
      this.report(order, rt, 'oms', 'intake', rt.states.get('channel') ?? 'created', when)
      then?.()
    }
    if (order.channel.intake === 'import_job') {
      const onImported = (when: number) => {
        const done = makeCall(this.env, { source: 'oms', target: order.channel.api, endpoint: '/orders/detail', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 120 }, when, order)
        if (done !== undefined) proceed(done)
      }
      this.at(at, () => {
        const waiting = this.queues.awaitingImport.get(order.channel.id) ?? []
        waiting.push({ order, onImported })
        this.queues.awaitingImport.set(order.channel.id, waiting)
      })
      return
    }
    this.at(at, () => {
      const done = makeCall(this.env, { source: order.channel.api, target: 'oms', endpoint: '/orders/push', direction: 'callback', clientIp: channelIp(order.channel.api), latencyMedianMs: 60 }, at, order)
      if (done !== undefined) proceed(done)
    })
  }

  private balance(order: SimOrder, rt: OrderRuntime, at: number): void {
    this.at(at, () => {
      this.report(order, rt, 'channel', 'balance', 'balance_paid', at)
      this.report(order, rt, 'finance', 'balance', 'balance_paid', at + this.env.random.lognormal(3 * MIN, 0.5))
      const done = makeCall(this.env, { source: order.channel.api, target: 'oms', endpoint: '/callback/presale/balance', direction: 'callback', clientIp: channelIp(order.channel.api), latencyMedianMs: 80 }, at, order)
      if (done === undefined || !rt.omsKnows) return
      this.report(order, rt, 'oms', 'balance', 'balance_paid', done)
      if (rt.states.get('oms') === 'balance_paid') this.stockLock(order, rt)
    })
  }

  private stockLock(order: SimOrder, rt: OrderRuntime): void {
    const at = this.now() + this.env.random.lognormal(20_000, 0.6)
    this.at(at, () => {
      const done = makeCall(this.env, { source: 'oms', target: 'erp', endpoint: '/stock/lock', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 90 }, at, order)
      if (done === undefined) return
      this.report(order, rt, 'erp', 'stock_lock', 'stock_locked', done)
      this.report(order, rt, 'oms', 'stock_lock', 'stock_locked', done + 200)
      this.maybeManualChange(order, rt, done + this.env.random.lognormal(10 * MIN, 1))
      if (order.outcome === 'cancelled') {
        this.cancelBeforeShipping(order, rt, done + this.env.random.lognormal(40 * MIN, 0.8))
        return
      }
      this.push(order, rt, done)
    })
  }

  private push(order: SimOrder, rt: OrderRuntime, queuedAt: number): void {
    rt.queuedAt = queuedAt
    this.queues.awaitingPush.set(order.orderId, queuedAt)
    const at = queuedAt + this.delay(order, 'push', this.env.random.lognormal(4 * MIN, 0.7))
    this.at(at, () => {
      this.queues.awaitingPush.delete(order.orderId)
      const done = makeCall(this.env, { source: 'oms', target: 'wms', endpoint: '/wms/orders/push', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 150 }, at, order)
      if (done === undefined) return
      this.report(order, rt, 'wms', 'push', 'allocated', done)
      this.report(order, rt, 'oms', 'push', 'allocated', done + 300)
      this.warehouse(order, rt, done)
    })
  }

  private warehouse(order: SimOrder, rt: OrderRuntime, from: number): void {
    const labelAt = from + this.delay(order, 'label', this.env.random.lognormal(25 * MIN, 0.75) / warehouseSpeed(from))
    const packAt = labelAt + this.delay(order, 'pack', this.env.random.lognormal(15 * MIN, 0.5))
    const pickupAt = packAt + this.delay(order, 'pickup', this.env.random.lognormal(40 * MIN, 0.7) / warehouseSpeed(packAt))
    this.at(labelAt, () => this.report(order, rt, 'wms', 'label', 'label_printed', labelAt))
    this.at(packAt, () => this.report(order, rt, 'wms', 'pack', 'packed', packAt))
    this.at(pickupAt, () => this.pickup(order, rt, pickupAt))
  }

  private pickup(order: SimOrder, rt: OrderRuntime, at: number): void {
    rt.shippedAt = at
    this.report(order, rt, 'tms', 'pickup', 'picked_up', at)
    this.report(order, rt, 'wms', 'pickup', 'picked_up', at + 1_000)
    // The WMS tells OMS the tracking number by callback from its own server (story 1 lives here).
    const callback = makeCall(this.env, { source: 'wms', target: 'oms', endpoint: '/callback/shipment', direction: 'callback', clientIp: order.warehouse.wmsIp, latencyMedianMs: 70 }, at + 2_000, order)
    if (callback !== undefined) {
      this.report(order, rt, 'oms', 'pickup', 'picked_up', callback)
      const upload = makeCall(this.env, { source: 'oms', target: order.channel.api, endpoint: '/logistics/upload', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 110 }, callback + 500, order)
      if (upload !== undefined) this.report(order, rt, 'channel', 'pickup', 'in_transit', upload)
    }
    const transitAt = at + this.delay(order, 'transit', this.env.random.lognormal(5 * HOUR, 0.5))
    this.at(transitAt, () => {
      this.report(order, rt, 'tms', 'transit', 'in_transit', transitAt)
      makeCall(this.env, { source: 'oms', target: 'tms', endpoint: '/tracking/query', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 200 }, transitAt + MIN, order)
    })
    const remote = order.consignee.region === 'remote' ? 2.5 : 1
    const deliverAt = transitAt + this.delay(order, 'deliver', this.env.random.lognormal(30 * HOUR * remote, 0.4))
    this.at(deliverAt, () => this.deliver(order, rt, deliverAt))
  }

  private deliver(order: SimOrder, rt: OrderRuntime, at: number): void {
    this.report(order, rt, 'tms', 'deliver', 'delivered', at)
    this.report(order, rt, 'channel', 'deliver', 'delivered', at + this.env.random.lognormal(10 * MIN, 0.5))
    // OMS learns of the delivery from its next tracking query.
    const queried = makeCall(this.env, { source: 'oms', target: 'tms', endpoint: '/tracking/query', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 200 }, at + this.env.random.lognormal(15 * MIN, 0.5), order)
    if (queried !== undefined && rt.omsKnows) this.report(order, rt, 'oms', 'deliver', 'delivered', queried)
    if (order.outcome === 'refunded') {
      const requestAt = at + this.env.random.lognormal(20 * HOUR, 0.6)
      this.at(requestAt, () => this.refund(order, rt, requestAt))
      return
    }
    if (order.outcome === 'after_sales') {
      const ticketAt = at + this.env.random.lognormal(30 * HOUR, 0.6)
      this.at(ticketAt, () => this.report(order, rt, 'cs', 'complete', 'after_sales', ticketAt))
      return
    }
    const completeAt = at + this.env.random.lognormal(3 * 24 * HOUR, 0.4)
    this.at(completeAt, () => {
      this.report(order, rt, 'channel', 'complete', 'completed', completeAt)
      if (rt.omsKnows) this.report(order, rt, 'oms', 'complete', 'completed', completeAt + this.env.random.lognormal(10 * MIN, 0.5))
    })
  }

  private refund(order: SimOrder, rt: OrderRuntime, at: number): void {
    this.report(order, rt, 'channel', 'refund', 'refund_requested', at)
    const notified = makeCall(this.env, { source: order.channel.api, target: 'oms', endpoint: '/callback/refund', direction: 'callback', clientIp: channelIp(order.channel.api), latencyMedianMs: 80 }, at + 1_000, order)
    if (notified !== undefined && rt.omsKnows) this.report(order, rt, 'oms', 'refund', 'refund_requested', notified)
    const refundedAt = at + this.env.random.lognormal(6 * HOUR, 0.6)
    this.at(refundedAt, () => {
      this.report(order, rt, 'channel', 'refund', 'refunded', refundedAt)
      this.report(order, rt, 'finance', 'refund', 'refunded', refundedAt + this.env.random.lognormal(30 * MIN, 0.5))
      if (rt.omsKnows) this.report(order, rt, 'oms', 'refund', 'refunded', refundedAt + 60_000)
    })
  }

  private cancelBeforeShipping(order: SimOrder, rt: OrderRuntime, at: number): void {
    this.at(at, () => {
      this.report(order, rt, 'channel', 'cancel', 'cancelled', at)
      const notified = makeCall(this.env, { source: order.channel.api, target: 'oms', endpoint: '/callback/order-status', direction: 'callback', clientIp: channelIp(order.channel.api), latencyMedianMs: 80 }, at + 1_000, order)
      if (notified !== undefined) this.report(order, rt, 'oms', 'cancel', 'cancelled', notified)
    })
  }

  /** Customer service edits an address; most edits leave an audit record, some do not (domain.md). */
  private maybeManualChange(order: SimOrder, rt: OrderRuntime, at: number): void {
    if (!this.env.random.chance(0.02)) return
    const traced = !this.env.random.chance(this.env.company.untracedChangeShare)
    const after = order.consignee.address.replace(/\d+室$/, `${this.env.random.int(101, 2808)}室`)
    this.at(at, () => {
      if (!rt.omsKnows) return
      report(this.env, this.natives, order, rt, 'oms', 'stock_lock', rt.states.get('oms') ?? 'stock_locked', at, {
        manualChange: { operator: `cs-${this.env.random.int(1, 40)}`, fields: traced ? [{ field: 'consignee_address', before: order.consignee.address, after }] : [] },
      })
    })
  }

  /** Some customers look their order up; they find it only if OMS has it (and its tracking, once shipped). */
  private maybeCustomerQuery(order: SimOrder, rt: OrderRuntime): void {
    if (!this.env.random.chance(0.12)) return
    const at = order.createdAt + this.env.random.lognormal(8 * HOUR, 0.9)
    this.at(at, () => {
      const shipped = rt.shippedAt !== undefined && rt.shippedAt < at
      // A few look-ups fail whatever the systems do (typos, the wrong phone number).
      const typo = this.env.random.chance(0.04)
      const found = !typo && rt.omsKnows && (!shipped || ['picked_up', 'in_transit', 'delivered', 'completed', 'refund_requested', 'refunded'].includes(rt.states.get('oms') ?? ''))
      const selfService = this.env.random.chance(0.8)
      const byOrderNo = this.env.random.chance(0.7)
      this.env.emit('queries', {
        event_id: this.env.nextEventId('q'),
        ts: new Date(at).toISOString(),
        channel: selfService ? (order.channel.id === 'pos' ? 'miniprogram' : order.channel.id) : 'cs',
        query_key: byOrderNo ? order.channelOrderNo : order.consignee.phone,
        key_type: byOrderNo ? 'order_no' : 'phone',
        found,
        latency_ms: Math.round(this.env.random.lognormal(found ? 180 : 900, 0.5)),
        ...(found ? { order_id: order.orderId } : {}),
        self_service: selfService,
      })
    })
  }

  private report(order: SimOrder, rt: OrderRuntime, system: string, step: Step, state: string, at: number, identify = false): void {
    report(this.env, this.natives, order, rt, system, step, state, at, { identify })
  }

  private delay(order: SimOrder, step: Step, ms: number): number {
    let factor = 1
    for (const h of this.env.hooks) factor *= h.delayFactor?.(order, step, this.now(), ms) ?? 1
    return ms * factor
  }

  private at(ms: number, task: () => void): void {
    this.env.schedule(ms, task)
  }

  private now(): number {
    return this.env.now()
  }
}

/** A stable egress IP per platform API, as a whitelist would see it. */
export function channelIp(api: string): string {
  let h = 0
  for (const ch of api) h = (h * 31 + ch.charCodeAt(0)) % 250
  return `47.96.${h}.${10 + (h % 40)}`
}
