import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSession } from '../session.ts'
import { fakeFetch, mountPage, testRouter } from '../test/harness.ts'
import TracePage from './TracePage.vue'
import type { OrderTrace } from './types.ts'

const event = (id: string, system: string, state: string, time: string) => ({ event_id: id, order_id: 'O1', system, state, event_time: time })

const TRACE: OrderTrace = {
  key: 'SF000000000042',
  order_ids: ['O1'],
  matched_by: ['tracking_no'],
  events: [event('e1', 'oms', 'paid', '2026-11-23 06:00:00.000'), event('e2', 'wms', 'shipped', '2026-11-23 07:00:00.000'), event('e3', 'oms', 'shipped', '2026-11-23 08:00:00.000')],
  systems: { oms: { state: 'shipped', at: '2026-11-23 08:00:00.000' }, wms: { state: 'shipped', at: '2026-11-23 07:00:00.000' } },
  disagreements: [{ from: '2026-11-23T07:00:00.000Z', to: '2026-11-23T07:59:00.000Z', seconds: 3540, states: { oms: 'paid', wms: 'shipped' } }],
}

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('TracePage', () => {
  it('traces the key in the URL and highlights the moments the systems disagreed', async () => {
    const fetch = fakeFetch({ status: 200, body: TRACE })
    vi.stubGlobal('fetch', fetch.fn)
    useSession().start('ey.token', { name: 'chen', role: 'oncall' })
    const page = mountPage(TracePage, await testRouter('/trace?key=SF000000000042'))
    await flushPromises()
    expect(fetch.urls).toEqual(['/api/v1/orders/SF000000000042/trace'])
    const rows = page.findAll('table.timeline tbody tr')
    expect(rows.map((r) => r.classes().includes('disagreeing'))).toEqual([false, true, false])
    expect(page.find('.disagreement-note').text()).toContain('1')
  })

  it('puts a searched key into the URL and says when no order has it', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 404, body: { statusCode: 404, message: "no order has … 'nope'" } }).fn)
    useSession().start('ey.token', { name: 'chen', role: 'oncall' })
    const router = await testRouter('/trace')
    const page = mountPage(TracePage, router)
    expect(page.text()).toContain('Enter an order id')
    await page.find('input[name=key]').setValue('nope')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query.key).toBe('nope')
    expect(page.text()).toContain("No order has the key 'nope'.")
  })
})
