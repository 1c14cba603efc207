import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import { createConsoleI18n } from '../i18n/index.ts'
import { useSession } from '../session.ts'
import { testRouter } from '../test/harness.ts'
import AttributionPanel from './AttributionPanel.vue'
import { LineChart as LineStub } from './charts.ts'
import DrilldownPanel from './DrilldownPanel.vue'
import { kpi } from './fixtures.test-data.ts'
import type { AttributionResult } from './types.ts'

const WINDOW = { from: '2026-11-23T02:00:00.000Z', to: '2026-11-23T08:00:00.000Z' }
const KPI = kpi({ dimensions: ['channel'] })
const ATTRIBUTION: AttributionResult = {
  metric: 'call_success_rate',
  kind: 'ratio',
  dimensions: ['channel'],
  ...WINDOW,
  baseline: { method: 'window', windows: [], windows_with_data: 1 },
  leaves: 12,
  totals: { actual: 0.9712, expected: 0.9981, z: -40 },
  root_causes: [{ scope: { channel: 'douyin' }, actual: 0.61, expected: 0.998, share: 0.7234, leaves: 3, layer: 1, risk: { high: 0.9, low: 0.1 }, z: -30 }],
  insignificant_causes: 0,
}
/** The 7-day answer of a young install: nothing stored on the previous days, so nothing to explain. */
const NO_HISTORY: AttributionResult = { ...ATTRIBUTION, baseline: { method: 'median_of_previous_days', windows: [], windows_with_data: 0 }, root_causes: [] }

function fakeApi(answer: (url: URL) => unknown) {
  const urls: URL[] = []
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://console.test')
    urls.push(url)
    return new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'content-type': 'application/json' } })
  })
  return urls
}

vi.mock('./charts.ts', async () => (await import('./charts.test-stubs.ts')).chartStubs)

async function mountPanel(panel: Component, props: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') {
  useSession().start('ey.token', { name: 'wang', role: 'manager' })
  const router = await testRouter('/cockpit')
  const wrapper = mount(panel, { props, global: { plugins: [router, createConsoleI18n(locale)] } })
  await flushPromises()
  return wrapper
}

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('AttributionPanel baseline', () => {
  it('falls back to the previous period by itself when the 7-day baseline has no data, and says so', async () => {
    const urls = fakeApi((u) => (u.searchParams.get('baseline_from') ? ATTRIBUTION : NO_HISTORY))
    const panel = await mountPanel(AttributionPanel, { kpis: [KPI], window: WINDOW, explain: 'call_success_rate', baseline: undefined })
    expect(urls.map((u) => u.searchParams.get('baseline_from'))).toEqual([null, '2026-11-22T20:00:00.000Z'])
    expect(panel.get('[data-testid="attribution-cause-1"] .share').text()).toBe('72.3%')
    expect(panel.get('[data-testid="attribution-fell-back"]').text()).toContain('compared with the previous period instead')
    expect((panel.get('[data-testid="attribution-baseline"]').element as HTMLSelectElement).value).toBe('previous')
    expect(panel.text()).not.toContain('The baseline holds no data')
    // A refresh (the window moves) keeps to the previous period: one request, not the empty 7-day one first.
    await panel.setProps({ window: { from: '2026-11-23T02:05:00.000Z', to: '2026-11-23T08:05:00.000Z' } })
    await flushPromises()
    expect(urls.slice(2).map((u) => u.searchParams.get('baseline_from'))).toEqual(['2026-11-22T20:05:00.000Z'])
  })

  it('says it fell back even when the previous period explains nothing either', async () => {
    fakeApi((u) => (u.searchParams.get('baseline_from') ? { ...ATTRIBUTION, root_causes: [] } : NO_HISTORY))
    const panel = await mountPanel(AttributionPanel, { kpis: [KPI], window: WINDOW, explain: 'call_success_rate', baseline: undefined }, 'zh-CN')
    expect(panel.text()).toContain('没有维度组合能显著解释')
    expect(panel.get('[data-testid="attribution-fell-back"]').text()).toBe('前 7 天同一时段没有数据（新安装？）：已自动改为对比上一周期。')
  })

  it('keeps the 7-day baseline when it has data and says nothing about a fallback', async () => {
    const urls = fakeApi(() => ({ ...ATTRIBUTION, baseline: { method: 'median_of_previous_days', windows: [], windows_with_data: 7 } }))
    const panel = await mountPanel(AttributionPanel, { kpis: [KPI], window: WINDOW, explain: 'call_success_rate', baseline: undefined }, 'zh-CN')
    expect(urls).toHaveLength(1)
    expect(panel.find('[data-testid="attribution-fell-back"]').exists()).toBe(false)
    expect((panel.get('[data-testid="attribution-baseline"]').element as HTMLSelectElement).value).toBe('days')
  })
})

describe('DrilldownPanel over time per value', () => {
  const point = (t: string, value: number, n: number) => ({ t, value, n })
  // The drill-down's one answer: each value of the breakdown with its line (trend=<bucket> with the dimension).
  const BREAKDOWN = [
    { key: 'tmall', value: 0.997, n: 780, status: 'healthy', points: [point('2026-11-23T02:00:00.000Z', 0.99, 400), point('2026-11-23T02:30:00.000Z', 0.995, 380)] },
    { key: 'douyin', value: 0.9, n: 43, status: 'critical', points: [point('2026-11-23T02:00:00.000Z', 0.65, 3), point('2026-11-23T02:30:00.000Z', 0.97, 40)] },
  ]

  it('asks once for the breakdown and its lines in at most 12 buckets, and leaves out the points from a handful of orders, saying how many', async () => {
    const urls = fakeApi(() => ({ kpis: [{ ...KPI, breakdown: BREAKDOWN }] }))
    const panel = await mountPanel(DrilldownPanel, { kpis: [KPI], window: WINDOW, dimension: 'channel', kpi: undefined })
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v1/kpis'])
    expect(Object.fromEntries(urls[0]!.searchParams)).toMatchObject({ dimension: 'channel', kpi: KPI.id, totals: 'false', trend: '30m' })
    expect(panel.findAll('[data-testid^="drilldown-row-"]').map((r) => r.attributes('data-testid'))).toEqual(['drilldown-row-tmall', 'drilldown-row-douyin'])
    const option = panel.get('[data-testid="chart-drilldown-series"]').findComponent(LineStub).props('option') as { series: { name: string; data: [string, number | null][] }[] }
    expect(option.series.map((s) => [s.name, s.data.map((d) => d[1])])).toEqual([['tmall', [99, 99.5]], ['douyin', [null, 97]]])
    expect(panel.get('[data-testid="drilldown-thin-points"]').text()).toBe('1 point(s) from fewer than 20 samples left out: too few orders to show a trend.')
  })

  it('opens on the KPI needing attention most when the URL names none, and keeps to the one the URL names', async () => {
    const healthy = kpi({ id: 'status_consistency', status: 'healthy', dimensions: ['channel'] })
    const warning = kpi({ id: 'order_to_warehouse_minutes', status: 'warning', dimensions: ['channel'] })
    const critical = kpi({ id: 'call_success_rate', status: 'critical', dimensions: ['channel'] })
    let urls = fakeApi(() => ({ kpis: [{ ...KPI, breakdown: BREAKDOWN }] }))
    await mountPanel(DrilldownPanel, { kpis: [healthy, warning, critical], window: WINDOW, dimension: 'channel', kpi: undefined })
    expect(urls[0]!.searchParams.get('kpi')).toBe('call_success_rate')
    urls = fakeApi(() => ({ kpis: [{ ...KPI, breakdown: BREAKDOWN }] }))
    await mountPanel(DrilldownPanel, { kpis: [healthy, warning], window: WINDOW, dimension: 'channel', kpi: undefined })
    expect(urls[0]!.searchParams.get('kpi')).toBe('order_to_warehouse_minutes')
    urls = fakeApi(() => ({ kpis: [{ ...KPI, breakdown: BREAKDOWN }] }))
    await mountPanel(DrilldownPanel, { kpis: [healthy, warning, critical], window: WINDOW, dimension: 'channel', kpi: 'status_consistency' })
    expect(urls[0]!.searchParams.get('kpi')).toBe('status_consistency')
  })

  it('says why the chart is empty when every point is too thin', async () => {
    fakeApi(() => ({ kpis: [{ ...KPI, breakdown: [{ key: 'douyin', value: 0.65, n: 3, status: 'critical', points: [point('2026-11-23T02:00:00.000Z', 0.65, 3)] }] }] }))
    const panel = await mountPanel(DrilldownPanel, { kpis: [KPI], window: WINDOW, dimension: 'channel', kpi: undefined }, 'zh-CN')
    expect(panel.get('[data-testid="cockpit-drilldown"]').text()).toContain('样本数都少于 20')
    expect(panel.find('[data-testid="chart-drilldown-series"]').exists()).toBe(false)
  })
})
