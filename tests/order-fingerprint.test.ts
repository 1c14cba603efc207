import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orderFingerprint, type FingerprintInput } from '../core/contracts/index.ts'
import { startTestApp, type TestApp } from './helpers/app.ts'
import { testConfig } from './helpers/config.ts'
import { ndjson, orderEvent } from './helpers/events.ts'

const ORDER: FingerprintInput = {
  channel: 'douyin',
  channel_order_no: 'DY20261111000123',
  buyer_id: 'buyer-42',
  order_time_ms: Date.parse('2026-11-11T00:00:05.120+08:00'),
  skus: ['SKU-TEA-001', 'SKU-CUP-010'],
}

describe('order fingerprint', () => {
  it('is pinned: the same order always hashes to this id', () => {
    expect(orderFingerprint(ORDER)).toBe('o5767002c4a29b0186977a33bf835dc2')
  })

  it('does not depend on item order, surrounding spaces, channel case or the offset the time was written with', () => {
    const same = orderFingerprint({
      channel: ' DOUYIN ',
      channel_order_no: ' DY20261111000123',
      buyer_id: 'buyer-42 ',
      order_time_ms: Date.parse('2026-11-10T16:00:05.120Z'),
      skus: ['SKU-CUP-010', ' SKU-TEA-001'],
    })
    expect(same).toBe(orderFingerprint(ORDER))
  })

  it.each([
    ['channel order number', { channel_order_no: 'DY20261111000124' }],
    ['buyer', { buyer_id: 'buyer-43' }],
    ['order time', { order_time_ms: ORDER.order_time_ms + 1 }],
    ['items', { skus: ['SKU-TEA-001'] }],
    ['channel', { channel: 'jd' }],
  ])('changes with the %s', (_name, change) => {
    expect(orderFingerprint({ ...ORDER, ...change })).not.toBe(orderFingerprint(ORDER))
  })
})

describe('fingerprint at ingest', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp(testConfig())
  })
  afterAll(async () => {
    await t.close()
  })

  it('gives an order sent without order_id its fingerprint, and a re-created order the same one', async () => {
    const original = { ...orderEvent(1, { event_id: 'fp-channel', system: 'channel' }), order_id: undefined }
    // The same order keyed in again by hand in the ERP and the CRM: other event ids, other systems, items reordered.
    const erpCopy = { ...original, event_id: 'fp-erp', system: 'erp' as const, items: [...(original.items ?? [])].reverse() }
    const crmCopy = { ...original, event_id: 'fp-crm', system: 'crm' as const, channel_order_no: ` ${original.channel_order_no} ` }
    const res = await t.ingest('orders', ndjson([original, erpCopy, crmCopy]))
    expect(res.body).toMatchObject({ accepted: 3, rejected: 0 })
    await t.flush()
    const rows = await t.store.query<{ order_id: string; systems: string[] }>(
      'SELECT order_id, groupArray(system) AS systems FROM order_events WHERE startsWith(event_id, {p:String}) GROUP BY order_id',
      { p: 'fp-' },
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.systems.sort()).toEqual(['channel', 'crm', 'erp'])
    expect(rows[0]!.order_id).toBe(
      orderFingerprint({ channel: 'douyin', channel_order_no: original.channel_order_no!, buyer_id: original.buyer_id!, order_time_ms: Date.parse(original.order_time!), skus: original.items!.map((i) => i.sku) }),
    )
  })
})
