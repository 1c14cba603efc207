import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSession } from '../session.ts'
import { fakeFetch, mountPage, testRouter } from '../test/harness.ts'
import CockpitPage from './CockpitPage.vue'
import type { Kpi, KpiSet } from './types.ts'

const kpi = (over: Partial<Kpi>): Kpi => ({
  id: 'call_success_rate',
  name: { en: 'Interface call success', zh: '接口调用成功率' },
  unit: 'ratio',
  direction: 'higher',
  healthy: 0.995,
  warning: 0.98,
  value: 0.9712,
  n: 5000,
  status: 'critical',
  previous: 0.9981,
  change: -0.0269,
  ...over,
})

const SET: KpiSet = {
  from: '2026-11-22T08:00:00.000Z',
  to: '2026-11-23T08:00:00.000Z',
  previous: { from: '2026-11-21T08:00:00.000Z', to: '2026-11-22T08:00:00.000Z' },
  kpis: [
    kpi({}),
    kpi({ id: 'order_to_warehouse_minutes', name: { en: 'Payment to warehouse, average', zh: '订单到仓平均时长' }, unit: 'minutes', direction: 'lower', value: 12.5, previous: 14, change: -1.5, status: 'healthy' }),
    kpi({ id: 'delayed_orders', name: { en: 'Delayed orders', zh: '延迟订单' }, unit: 'count', value: null, previous: null, change: null, n: 0, status: 'no_data' }),
  ],
}

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('CockpitPage', () => {
  it('asks for the KPIs of the URL window and shows one card per KPI, coloured by status, named in the language', async () => {
    const fetch = fakeFetch({ status: 200, body: SET })
    vi.stubGlobal('fetch', fetch.fn)
    useSession().start('ey.token', { name: 'wang', role: 'manager' })
    const page = mountPage(CockpitPage, await testRouter('/cockpit?from=2026-11-22T08:00:00Z&to=2026-11-23T08:00:00Z'), 'zh-CN')
    await flushPromises()

    expect(fetch.urls).toEqual(['/api/v1/kpis?from=2026-11-22T08%3A00%3A00.000Z&to=2026-11-23T08%3A00%3A00.000Z'])
    const cards = page.findAll('.kpi-card')
    expect(cards.map((c) => c.attributes('data-kpi'))).toEqual(['call_success_rate', 'order_to_warehouse_minutes', 'delayed_orders'])
    expect(cards.map((c) => c.classes().find((k) => k.startsWith('status-')))).toEqual(['status-critical', 'status-healthy', 'status-no_data'])
    expect(cards[0]!.find('h3').text()).toBe('接口调用成功率')
    expect(cards[0]!.find('.kpi-value').text()).toBe('97.12%')
    expect(cards[0]!.find('.kpi-change').text()).toBe('-2.69 pp')
    expect(cards[0]!.find('.kpi-change').classes()).toContain('trend-worse')
    // Fewer minutes is better for a 'lower' KPI.
    expect(cards[1]!.find('.kpi-change').classes()).toContain('trend-better')
    expect(cards[2]!.find('.kpi-value').text()).toBe('—')
    expect(cards[2]!.text()).toContain('无数据')
  })

  it('shows the error with a retry that loads again, never a blank page', async () => {
    const fetch = fakeFetch({ status: 500, body: { statusCode: 500, message: 'ClickHouse is unreachable' } }, { status: 200, body: { ...SET, kpis: [] } })
    vi.stubGlobal('fetch', fetch.fn)
    useSession().start('ey.token', { name: 'wang', role: 'manager' })
    const page = mountPage(CockpitPage, await testRouter('/cockpit'))
    await flushPromises()
    expect(page.find('[role=alert]').text()).toContain('ClickHouse is unreachable')

    await page.find('[role=alert] button').trigger('click')
    await flushPromises()
    expect(fetch.urls).toHaveLength(2)
    expect(page.find('[role=alert]').exists()).toBe(false)
    expect(page.text()).toContain('No KPIs for this time range.')
  })
})
