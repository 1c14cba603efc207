import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsoleI18n } from '../i18n/index.ts'
import { useSession } from '../session.ts'
import { fakeFetch, testRouter } from '../test/harness.ts'
import { DISAGREEMENT_FILL, type TimelineOption } from './timelineOption.ts'
import TracePage from './TracePage.vue'
import type { OrderTrace, TraceEvent } from './types.ts'

const event = (id: string, system: string, state: string, time: string): TraceEvent => ({
  event_id: id, order_id: 'O1', system, state, native_state: state, event_time: time, channel: 'tmall', channel_order_no: 'T1', warehouse: 'wh-1', carrier: 'sf',
  tracking_no: 'SF000000000042', manual_change: false, operator: '', changed_fields: [], source: 'api', ingested_at: time,
})

const TRACE: OrderTrace = {
  key: 'SF000000000042',
  order_ids: ['O1'],
  matched_by: ['tracking_no'],
  events: [event('e4', 'channel', 'paid', '2026-11-23 05:59:00.000'), event('e1', 'oms', 'paid', '2026-11-23 06:00:00.000'), event('e2', 'wms', 'picked_up', '2026-11-23 07:00:00.000'), event('e3', 'tms', 'in_transit', '2026-11-23 07:10:00.000')],
  calls: [{ event_id: 'c1', ts: '2026-11-23 07:05:00.000', source_system: 'wms', target_system: 'oms', endpoint: '/orders/ship', direction: 'callback', http_status: 500, latency_ms: 120, error_code: 'E_SIGN', error_message: 'bad signature', client_ip: '10.0.0.1', retry_attempt: 0 }],
  queries: [],
  jobs: [],
  systems: { channel: { state: 'paid', at: '2026-11-23 05:59:00.000' }, oms: { state: 'paid', at: '2026-11-23 06:00:00.000' }, wms: { state: 'picked_up', at: '2026-11-23 07:00:00.000' }, tms: { state: 'in_transit', at: '2026-11-23 07:10:00.000' } },
  lagging: ['channel', 'oms'],
  disagreements: [{ from: '2026-11-23T07:00:00.000Z', seconds: 3540, states: { oms: 'paid', wms: 'picked_up' } }],
}

const chartStub = { props: ['option', 'lanes'], template: '<div data-testid="chart-trace" class="chart-stub" />' }

async function open(path: string, ...answers: { status: number; body: unknown }[]) {
  const fetch = fakeFetch(...answers)
  vi.stubGlobal('fetch', fetch.fn)
  useSession().start('ey.token', { name: 'chen', role: 'manager' })
  const router = await testRouter(path)
  const page = mount(TracePage, { global: { plugins: [router, createConsoleI18n('en')], stubs: { TraceTimeline: chartStub } } })
  await flushPromises()
  return { page, fetch, router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('TracePage', () => {
  it('draws one lane per system in journey order and shades the open disagreement window up to now', async () => {
    const before = Date.now()
    const { page, fetch } = await open('/trace?key=SF000000000042', { status: 200, body: TRACE }, { status: 200, body: { findings: [] } })
    expect(fetch.urls).toEqual(['/api/v1/orders/SF000000000042/trace', '/api/v1/findings'])
    const option = page.findComponent(chartStub).props('option') as TimelineOption
    const yAxis = option.yAxis as { data: string[] }
    expect(yAxis.data).toEqual(['Channel', 'Order hub (OMS)', 'Warehouse (WMS)', 'Courier (TMS)'])
    const series = (option.series as { markArea: { data: [{ xAxis: number }, { xAxis: number }][]; itemStyle: { color: string } } }[])[0]!
    expect(series.markArea.itemStyle.color).toBe(DISAGREEMENT_FILL)
    expect(series.markArea.data).toHaveLength(1)
    const [start, end] = series.markArea.data[0]!
    expect(start.xAxis).toBe(Date.parse('2026-11-23T07:00:00.000Z'))
    // Still open: it lasts until the answer came.
    expect(end.xAxis).toBeGreaterThanOrEqual(before)
    expect(page.find('[data-testid=trace-disagreements]').text()).toContain('still disagreeing')
    // The failed WMS callback sits on the warehouse's lane.
    const calls = (option.series as { name: string; data: unknown[] }[]).find((s) => s.name === 'calls')!
    expect(calls.data).toEqual([[2, Date.parse('2026-11-23T07:05:00.000Z'), 1]])
  })

  it('flags the systems behind the others and marks the records and calls inside the window', async () => {
    const { page } = await open('/trace?key=SF000000000042', { status: 200, body: TRACE }, { status: 200, body: { findings: [] } })
    expect(page.find('[data-testid=trace-state-oms]').classes()).toContain('lagging')
    expect(page.find('[data-testid=trace-state-oms] .flag svg').exists()).toBe(true)
    expect(page.find('[data-testid=trace-state-oms] .flag').text()).not.toMatch(/\p{Extended_Pictographic}/u)
    expect(page.find('[data-testid=trace-state-oms]').attributes('data-state')).toBe('paid')
    expect(page.find('[data-testid=trace-state-wms]').classes()).not.toContain('lagging')
    const journey = page.findAll('[data-testid=trace-journey] tbody tr')
    expect(journey.map((r) => r.classes().includes('disagreeing'))).toEqual([false, false, true, true])
    expect(page.find('[data-testid=trace-calls] tbody tr').classes()).toContain('failed')
    expect(page.find('[data-testid=trace-calls]').text()).toContain('E_SIGN: bad signature')
  })

  it('says the systems agreed when the API reports no disagreement', async () => {
    const { page } = await open('/trace?key=O1', { status: 200, body: { ...TRACE, lagging: [], disagreements: [] } }, { status: 200, body: { findings: [] } })
    expect(page.find('[data-testid=trace-disagreements]').exists()).toBe(false)
    expect(page.find('.agreement').exists()).toBe(true)
    const option = page.findComponent(chartStub).props('option') as TimelineOption
    expect((option.series as { markArea: { data: unknown[] } }[])[0]!.markArea.data).toEqual([])
  })

  it('offers the orders the active findings name, and a click traces one', async () => {
    const findings = { findings: [{ pattern: 'status_desync', evidence: { sample_orders: ['A1', 'A2'] } }, { pattern: 'encoding', evidence: { sample_orders: ['B1'] } }, { pattern: 'queue_backlog', evidence: { depth: 3 } }, { pattern: 'ip_whitelist', evidence: { samples: [{ order_id: 'C1', http_status: 403 }, { order_id: '' }] } }] }
    const { page, router, fetch } = await open('/trace', { status: 200, body: findings }, { status: 200, body: TRACE })
    const examples = page.findAll('[data-testid=trace-examples] button')
    expect(examples.map((b) => b.find('code').text())).toEqual(['A1', 'B1', 'C1', 'A2'])
    // Each names its finding's pattern in words, the id as the button's tooltip.
    expect(examples.map((b) => [b.find('small').text(), b.attributes('title')])[0]).toEqual(['Status out of sync (WMS vs OMS)', 'status_desync'])
    // The hint and its pointer to the examples are two sentences, with a space between them.
    expect(page.find('.state-empty').text()).toContain('courier label). Or pick one')
    await examples[1]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.key).toBe('B1')
    expect(fetch.urls.at(-1)).toBe('/api/v1/orders/B1/trace')
  })

  it('puts a searched key into the URL and says when no order has it', async () => {
    const { page, router } = await open('/trace', { status: 200, body: { findings: [] } }, { status: 404, body: { statusCode: 404, message: "no order has … 'nope'" } })
    expect(page.text()).toContain('Enter an order id')
    await page.find('input[name=key]').setValue('nope')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query.key).toBe('nope')
    expect(page.text()).toContain("No order has the key 'nope'.")
  })
})
