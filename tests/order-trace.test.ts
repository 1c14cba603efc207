import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import type { TruthLabel } from '../simulator/index.ts'
import { findDisagreements } from '../analyzer/trace/disagreements.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const FROM = Date.parse('2026-11-03T00:00:00+08:00')

describe('disagreements between systems', () => {
  const t0 = Date.parse('2026-11-03T10:00:00Z')
  it('opens when one system runs two stages ahead for longer than the tolerance, and closes when the other catches up', () => {
    const spans = findDisagreements(
      [
        { system: 'oms', state: 'allocated', time: t0 },
        { system: 'wms', state: 'allocated', time: t0 + 1_000 },
        { system: 'wms', state: 'label_printed', time: t0 + 600_000 },
        { system: 'wms', state: 'picked_up', time: t0 + HOUR },
        { system: 'oms', state: 'picked_up', time: t0 + 3 * HOUR },
      ],
      30 * 60_000,
      t0 + 10 * HOUR,
    )
    expect(spans).toEqual([{ from: new Date(t0 + HOUR).toISOString(), to: new Date(t0 + 3 * HOUR).toISOString(), seconds: 7200, states: { oms: 'allocated', wms: 'picked_up' } }])
  })

  it('ignores ordinary propagation and flags a refund while the warehouse keeps working', () => {
    const ordinary = findDisagreements([{ system: 'wms', state: 'packed', time: t0 }, { system: 'oms', state: 'allocated', time: t0 + 1 }, { system: 'channel', state: 'paid', time: t0 + 2 }], 60_000, t0 + HOUR)
    expect(ordinary).toEqual([])
    const refund = findDisagreements([{ system: 'wms', state: 'packed', time: t0 }, { system: 'channel', state: 'refunded', time: t0 + 1_000 }], 60_000, t0 + HOUR)
    expect(refund).toHaveLength(1)
    expect(refund[0]!.to).toBeUndefined()
  })
})

describe('GET /api/v1/orders/{key}/trace', () => {
  let app: FastifyInstance
  let store: Store
  let whitelist: TruthLabel
  beforeAll(async () => {
    const config = testConfig()
    const run = await simulateIntoStore(config, {
      seed: 21,
      from: FROM,
      to: FROM + 30 * HOUR,
      ordersPerDay: 3000,
      faults: [{ scenario: 'ip_whitelist', start: FROM + 10 * HOUR, durationMs: 2 * HOUR, intensity: 1, scope: { client_ip: '10.8.1.21' } }],
    })
    store = run.store
    whitelist = run.result.truth[0]!
    app = await buildApp({ config, store })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await store.close()
  })

  const trace = async (key: string) => app.inject({ url: `/api/v1/orders/${encodeURIComponent(key)}/trace` })

  it('finds an order by order id, channel order number and tracking number alike', async () => {
    const orderId = whitelist.affected_orders[0]!
    const byId = (await trace(orderId)).json()
    expect(byId.order_ids).toEqual([orderId])
    const channelOrderNo = byId.events[0].channel_order_no as string
    const trackingNo = byId.events.find((e: { tracking_no: string }) => e.tracking_no).tracking_no as string
    expect((await trace(channelOrderNo)).json()).toMatchObject({ order_ids: [orderId], matched_by: ['channel_order_no'] })
    expect((await trace(trackingNo)).json()).toMatchObject({ order_ids: [orderId], matched_by: ['tracking_no'] })
  })

  it('shows every system, the refused callbacks and the moment OMS and WMS disagreed', async () => {
    const body = (await trace(whitelist.affected_orders[0]!)).json()
    expect(Object.keys(body.systems)).toEqual(expect.arrayContaining(['channel', 'oms', 'wms', 'tms']))
    expect(body.systems.oms.state).toBe('allocated')
    expect(body.calls.filter((c: { http_status: number }) => c.http_status === 403).length).toBeGreaterThanOrEqual(1)
    expect(body.disagreements.length).toBeGreaterThanOrEqual(1)
    expect(body.disagreements[0].states).toMatchObject({ oms: 'allocated' })
  })

  it('shows no disagreement for an order that went through normally, and the import run for pulled channels', async () => {
    const [normal] = await store.query<{ order_id: string }>(
      `SELECT order_id FROM order_events WHERE channel = 'taobao' AND system = 'tms' AND state = 'delivered' AND order_id NOT IN {ids:Array(String)} LIMIT 1`,
      { ids: whitelist.affected_orders },
    )
    const body = (await trace(normal!.order_id)).json()
    expect(body.disagreements, JSON.stringify(body.events.map((e: any) => [e.system, e.state, e.event_time]))).toEqual([])
    expect(body.jobs).toHaveLength(1)
    expect(body.jobs[0].job).toBe('taobao_order_import')
  })

  it('answers 404 for an unknown key and 400 for an invalid query', async () => {
    expect((await trace('NO-SUCH-ORDER')).statusCode).toBe(404)
    expect((await app.inject({ url: '/api/v1/orders/x/trace?tolerance_minutes=-1' })).statusCode).toBe(400)
  })
})
