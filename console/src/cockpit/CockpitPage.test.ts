import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsoleI18n } from '../i18n/index.ts'
import { useSession } from '../session.ts'
import { testRouter } from '../test/harness.ts'
import { BarChart as BarStub } from './charts.ts'
import CockpitPage from './CockpitPage.vue'
import { formatValue, STATUS_COLOURS } from './constants.ts'
import { kpi } from './fixtures.test-data.ts'
import type { AttributionResult, ConsistencyReport, Kpi, KpiSetAnswer, KpiTrendsAnswer } from './types.ts'

const ORDER_DIMS = ['channel', 'department', 'warehouse', 'region']

const WINDOW = { from: '2026-11-22T08:00:00.000Z', to: '2026-11-23T08:00:00.000Z' }
const SET: KpiSetAnswer = {
  ...WINDOW,
  previous: { from: '2026-11-21T08:00:00.000Z', to: '2026-11-22T08:00:00.000Z' },
  kpis: [
    kpi({}),
    kpi({ id: 'order_to_warehouse_minutes', name: { en: 'Payment to warehouse, average', zh: '订单到仓平均时长' }, unit: 'minutes', direction: 'lower', healthy: 72, warning: 360, value: 112.46, previous: 140, change: -27.54, status: 'warning', dimensions: ORDER_DIMS }),
    kpi({ id: 'self_service_query_success', name: { en: 'Self-service query success', zh: '自助查单成功率' }, value: 0.93, previous: 0.91, change: 0.02, status: 'healthy', healthy: 0.9, warning: 0.82, dimensions: ['channel'] }),
    kpi({ id: 'delayed_orders', name: { en: 'Delayed orders', zh: '延迟订单' }, unit: 'count', direction: 'lower', value: null, previous: null, change: null, n: 0, status: 'no_data', dimensions: ORDER_DIMS }),
  ],
}
const points = (values: (number | null)[]) => values.map((value, i) => ({ t: new Date(Date.parse(WINDOW.from) + i * 3_600_000).toISOString(), value, n: value === null ? 0 : 10 }))
const TRENDS: KpiTrendsAnswer = {
  ...WINDOW,
  bucket: '1h',
  trends: [
    { kpi: 'call_success_rate', points: points([0.999, 0.998, 0.95]) },
    { kpi: 'order_to_warehouse_minutes', points: points([100, null, 120]) },
    { kpi: 'self_service_query_success', points: points([0.93, 0.92, 0.94]) },
    { kpi: 'delayed_orders', points: points([null, null, null]) },
  ],
}
const ATTRIBUTION: AttributionResult = {
  metric: 'call_success_rate',
  kind: 'ratio',
  dimensions: ['source_system', 'target_system', 'endpoint', 'client_ip', 'channel'],
  ...WINDOW,
  baseline: { method: 'median_of_previous_days', windows: [], windows_with_data: 7 },
  leaves: 120,
  totals: { actual: 0.9712, expected: 0.9981, z: -40 },
  root_causes: [
    { scope: { channel: 'douyin', target_system: 'wms' }, actual: 0.61, expected: 0.998, share: 0.7234, leaves: 3, layer: 2, risk: { high: 0.9, low: 0.1 }, z: -30 },
    { scope: { client_ip: '10.8.1.21' }, actual: 0.9, expected: 0.997, share: 0.1811, leaves: 2, layer: 1, risk: { high: 0.8, low: 0.2 }, z: -9 },
  ],
  insignificant_causes: 1,
}
const REPORT: ConsistencyReport = {
  date: '2026-11-23',
  timezone: 'Asia/Shanghai',
  from: '2026-11-22T16:00:00.000Z',
  to: '2026-11-23T16:00:00.000Z',
  channels: [{ channel: 'tmall', channel_orders: 1000, landed: 990, landing_success_rate: 0.99, created_records: 2010, duplicate_records: 10, duplicate_rate: 0.005, gross_orders: 1003, net_orders: 1000, calls: 5000, timeouts: 25, timeout_rate: 0.005 }],
  total: { channel: 'all', channel_orders: 1000, landed: 990, landing_success_rate: 0.99, created_records: 2010, duplicate_records: 10, duplicate_rate: 0.005, gross_orders: 1003, net_orders: 1000, calls: 5000, timeouts: 25, timeout_rate: 0.005 },
}
/** A KPI's breakdown by a dimension: a critical value and a healthy one. */
const breakdownBy = (dimension: string): Kpi['breakdown'] => [
  { key: `${dimension}-a`, value: 0.5, n: 10, status: 'critical', previous: 0.6 },
  { key: `${dimension}-b`, value: 0.99, n: 8, status: 'healthy', previous: null },
]
/**
 * The cards' answer as `trend=1h&dimension=…&breakdown_trend=…` gives it: each KPI with its sparkline's points
 * (none for a KPI TRENDS lacks) and, when it drills down by the dimension, its breakdown (`rows` when given).
 */
const cardsAnswer = (set: KpiSetAnswer, dimension: string | null, rows?: Kpi['breakdown']): KpiSetAnswer => ({
  ...set,
  ...(dimension ? { dimension } : {}),
  kpis: set.kpis.map((k) => ({
    ...k,
    points: TRENDS.trends.find((t) => t.kpi === k.id)?.points ?? [],
    ...(dimension && k.dimensions.includes(dimension) ? { breakdown: rows ?? breakdownBy(dimension) } : {}),
  })),
})
/** The drill-down's own answer (totals=false): the one KPI's breakdown. */
const breakdownSet = (dimension: string, id: string): KpiSetAnswer => ({ ...SET, dimension, kpis: [{ ...SET.kpis.find((k) => k.id === id)!, breakdown: breakdownBy(dimension) }] })
/** GET /api/v1/kpis over a KPI set: the cards' request, the drill-down's own, or a plain one. */
const kpisRoute = (set: KpiSetAnswer, rows?: Kpi['breakdown']) => (u: URL) => {
  const dimension = u.searchParams.get('dimension')
  if (u.searchParams.get('totals') === 'false') return { status: 200, body: breakdownSet(dimension!, u.searchParams.get('kpi')!) }
  return { status: 200, body: u.searchParams.get('trend') ? cardsAnswer(set, dimension, rows) : set }
}
/** The cards' request and the drill-down's own among the recorded requests. */
const cardsAsked = (urls: URL[]) => urls.filter((u) => u.searchParams.get('totals') !== 'false')
const drillAsked = (urls: URL[]) => urls.filter((u) => u.searchParams.get('totals') === 'false')

/** A fetch that answers by path (the page sends several requests at once), recording every URL. */
function apiFake(over: Partial<Record<string, (url: URL) => { status: number; body: unknown }>> = {}) {
  const urls: URL[] = []
  const routes: Record<string, (url: URL) => { status: number; body: unknown }> = {
    '/api/v1/kpis': kpisRoute(SET),
    '/api/v1/attribution': () => ({ status: 200, body: ATTRIBUTION }),
    '/api/v1/reports/consistency': () => ({ status: 200, body: REPORT }),
    ...over,
  }
  const fn = async (input: string) => {
    const url = new URL(input, 'http://console.test')
    urls.push(url)
    const answer = routes[url.pathname]!(url)
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } })
  }
  return { fn, urls, asked: (path: string) => urls.filter((u) => u.pathname === path) }
}

vi.mock('./charts.ts', async () => (await import('./charts.test-stubs.ts')).chartStubs)

async function open(path: string, fake = apiFake(), locale: 'en' | 'zh-CN' = 'en') {
  vi.stubGlobal('fetch', fake.fn)
  useSession().start('ey.token', { name: 'wang', role: 'manager' })
  const router = await testRouter(path)
  const page = mount(CockpitPage, { global: { plugins: [router, createConsoleI18n(locale)] } })
  await flushPromises()
  return { page, router, fake }
}
const Q = `from=${WINDOW.from}&to=${WINDOW.to}`

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('CockpitPage cards', () => {
  it('shows one card per KPI coloured by status, its value as the API gives it, previous, change and name in the language', async () => {
    const { page, fake } = await open(`/cockpit?${Q}`, apiFake(), 'zh-CN')
    expect(fake.asked('/api/v1/kpis')[0]!.search).toBe(`?from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}&trend=1h&dimension=channel&breakdown_trend=3h`)
    const cards = page.findAll('.kpi-card')
    expect(cards.map((c) => c.attributes('data-testid'))).toEqual(SET.kpis.map((k) => `kpi-card-${k.id}`))
    expect(cards.map((c) => c.classes().find((k) => k.startsWith('status-')))).toEqual(['status-critical', 'status-warning', 'status-healthy', 'status-no_data'])
    expect(cards[0]!.find('.badge').attributes('style')).toContain(`background: ${STATUS_COLOURS.critical}`)
    expect(cards[1]!.attributes('style')).toContain(`border-color: ${STATUS_COLOURS.warning}`)
    expect(cards[0]!.find('h3').text()).toBe('接口调用成功率')
    for (const k of SET.kpis) expect(page.find(`[data-testid="kpi-value-${k.id}"]`).text()).toBe(formatValue(k.value, k.unit))
    expect(page.find('[data-testid="kpi-value-call_success_rate"]').text()).toBe('97.12%')
    expect(cards[0]!.find('.kpi-previous').text()).toBe('99.81%')
    expect(cards[0]!.find('.kpi-change').text()).toBe('-2.69 pp')
    expect(cards[0]!.find('.kpi-change').classes()).toContain('trend-worse')
    // Fewer minutes is better for a 'lower' KPI.
    expect(cards[1]!.find('.kpi-change').classes()).toContain('trend-better')
    expect(cards[3]!.find('.kpi-value').text()).toBe('—')
    expect(cards[3]!.text()).toContain('无数据')
  })

  it('draws every sparkline from the cards\' own request (trend=1h, no separate trends request), in the status colour with the thresholds, and says when a KPI has no points', async () => {
    const { page, fake } = await open(`/cockpit?${Q}`)
    expect(cardsAsked(fake.asked('/api/v1/kpis')).map((u) => u.searchParams.get('trend'))).toEqual(['1h'])
    expect(fake.asked('/api/v1/kpis/trends')).toHaveLength(0)
    // The drill-down's breakdown and lines come in the cards' answer: the page asks neither a breakdown nor a series of its own.
    expect(drillAsked(fake.asked('/api/v1/kpis'))).toHaveLength(0)
    expect(fake.asked('/api/v1/kpis/series')).toHaveLength(0)
    // Each sparkline is the card's own SVG in its status colour (no chart library), a path per run of points, gaps kept.
    const line = page.find('[data-testid="chart-trend-call_success_rate"] .sparkline')
    expect(line.attributes('data-points')).toBe('3')
    expect(line.findAll('path.run').map((p) => p.attributes('stroke'))).toEqual([STATUS_COLOURS.critical])
    expect((line.find('path.run').attributes('d')!.match(/[ML]/g) ?? []).length).toBe(3)
    // 95–99.9 %: the warning line (98 %) is in range and drawn, the healthy line (99.5 %) too.
    expect(line.findAll('line[class^="threshold-"]').map((l) => l.classes()[0])).toEqual(['threshold-healthy', 'threshold-warning'])
    const minutes = page.find('[data-testid="chart-trend-order_to_warehouse_minutes"] .sparkline')
    expect(minutes.findAll('path.run')).toHaveLength(0)
    expect(minutes.findAll('path.dot')).toHaveLength(2)
    expect(page.find('[data-testid="chart-trend-delayed_orders"] .sparkline').exists()).toBe(false)
    expect(page.find('[data-testid="chart-trend-delayed_orders"]').text()).toBe('No data points in this range')
    // Hovering reads the point under the pointer: its time, value and samples.
    const box = { left: 0, width: 300, top: 0, height: 56, right: 300, bottom: 56, x: 0, y: 0, toJSON: () => ({}) }
    ;(line.element as HTMLElement).getBoundingClientRect = () => box as DOMRect
    await line.trigger('mousemove', { clientX: 299 })
    expect(line.find('[role=tooltip]').text()).toContain('95.00%')
    expect(line.find('[role=tooltip]').text()).toContain('10 samples')
    await line.trigger('mouseleave')
    expect(line.find('[role=tooltip]').exists()).toBe(false)
  })

  it('shows the error with a retry that loads again, never a blank page', async () => {
    let calls = 0
    const fake = apiFake({ '/api/v1/kpis': () => (++calls === 1 ? { status: 500, body: { statusCode: 500, message: 'ClickHouse is unreachable' } } : { status: 200, body: { ...SET, kpis: [] } }) })
    const { page } = await open('/cockpit', fake)
    expect(page.find('[role=alert]').text()).toContain('ClickHouse is unreachable')
    await page.find('[role=alert] button').trigger('click')
    await flushPromises()
    expect(calls).toBe(2)
    expect(page.find('[role=alert]').exists()).toBe(false)
    expect(page.text()).toContain('No KPIs for this time range.')
  })
})

describe('CockpitPage drill-down', () => {
  it('offers only the KPIs that drill down by the chosen dimension and shows the one chosen in the URL from the cards\' answer', async () => {
    const { page, fake } = await open(`/cockpit?${Q}&dimension=warehouse&kpi=order_to_warehouse_minutes`)
    const offered = page.findAll('[data-testid="drilldown-kpi"] option').map((o) => o.attributes('value'))
    expect(offered).toEqual(['order_to_warehouse_minutes', 'delayed_orders'])
    // The cards are asked with the URL's dimension and each value's line in 3 h buckets over a day: one scan, no request of the panel's own.
    const cards = fake.asked('/api/v1/kpis')
    expect(cards.map((u) => [u.searchParams.get('dimension'), u.searchParams.get('breakdown_trend')])).toEqual([['warehouse', '3h']])
    const rows = page.findAll('[data-testid="cockpit-drilldown"] tbody tr')
    expect(rows.map((r) => r.classes().find((c) => c.startsWith('status-')))).toEqual(['status-critical', 'status-healthy'])
    const bars = page.find('[data-testid="chart-drilldown"]').findComponent(BarStub).props('option') as { series: { data: { name: string; itemStyle: { color: string } }[] }[] }
    expect(bars.series[0]!.data.map((d) => [d.name, d.itemStyle.color])).toEqual([
      ['warehouse-a', STATUS_COLOURS.critical],
      ['warehouse-b', STATUS_COLOURS.healthy],
    ])
  })

  it('asks a breakdown of its own for a dimension the cards\' answer does not carry: breakdown and 3 h lines only, in one request', async () => {
    const { page, fake } = await open(`/cockpit?${Q}`)
    await page.find('[data-testid="drilldown-dimension"]').setValue('department')
    await flushPromises()
    const asked = drillAsked(fake.asked('/api/v1/kpis'))
    expect(asked.map((u) => [u.searchParams.get('dimension'), u.searchParams.getAll('kpi'), u.searchParams.get('trend')])).toEqual([['department', ['order_to_warehouse_minutes'], '3h']])
    expect(page.findAll('[data-testid="cockpit-drilldown"] tbody tr').map((r) => r.attributes('data-testid'))).toEqual(['drilldown-row-department-a', 'drilldown-row-department-b'])
  })

  it('channel offers the channel-only KPI; a KPI in the URL the dimension does not support falls back to one that does', async () => {
    const { page } = await open(`/cockpit?${Q}&dimension=region&kpi=self_service_query_success`)
    expect(page.findAll('[data-testid="drilldown-kpi"] option').map((o) => o.attributes('value'))).not.toContain('self_service_query_success')
    expect((page.find('[data-testid="drilldown-kpi"]').element as HTMLSelectElement).value).toBe('order_to_warehouse_minutes')
    expect(page.find('[data-testid="drilldown-row-region-a"]').exists()).toBe(true)

    const { page: channel } = await open(`/cockpit?${Q}&dimension=channel`)
    expect(channel.findAll('[data-testid="drilldown-kpi"] option').map((o) => o.attributes('value'))).toEqual(['call_success_rate', 'order_to_warehouse_minutes', 'self_service_query_success', 'delayed_orders'])
  })

  it('keeps the chosen dimension and KPI in the URL', async () => {
    const { page, router } = await open(`/cockpit?${Q}`)
    await page.find('[data-testid="drilldown-dimension"]').setValue('department')
    await flushPromises()
    expect(router.currentRoute.value.query.dimension).toBe('department')
    await page.find('[data-testid="drilldown-kpi"]').setValue('delayed_orders')
    await flushPromises()
    expect(router.currentRoute.value.query.kpi).toBe('delayed_orders')
  })

  it('says why it is empty when no value of the dimension has data', async () => {
    const fake = apiFake({ '/api/v1/kpis': kpisRoute(SET, []) })
    const { page } = await open(`/cockpit?${Q}&dimension=warehouse`, fake)
    expect(page.find('[data-testid="cockpit-drilldown"]').text()).toContain('No Warehouse has data for this KPI in this time range.')
  })
})

describe('CockpitPage attribution', () => {
  it('explains the worsened KPI that has an attribution metric: combinations, actual vs expected, shares as the API gives them', async () => {
    // A chronic audit KPI worsening on a handful of samples comes first in the catalogue; the call-success drop on 5,000 calls is the one explained.
    const audit = kpi({ id: 'modification_audit_completeness', name: { en: 'Order changes with an audit record', zh: '修改留痕完整率' }, healthy: 1, warning: 1, value: 0.92, previous: 0.934, change: -0.014, n: 38, dimensions: ORDER_DIMS })
    const withAudit = { ...SET, kpis: [audit, ...SET.kpis] }
    const { page, fake } = await open(`/cockpit?${Q}`, apiFake({ '/api/v1/kpis': kpisRoute(withAudit) }))
    const asked = fake.asked('/api/v1/attribution')
    expect(asked).toHaveLength(1)
    expect([asked[0]!.searchParams.get('metric'), asked[0]!.searchParams.get('from'), asked[0]!.searchParams.get('to')]).toEqual(['call_success_rate', WINDOW.from, WINDOW.to])
    const first = page.find('[data-testid="attribution-cause-1"]')
    expect(first.find('.scope').text()).toBe('channel=douyin ∧ target_system=wms')
    expect(first.find('.actual').text()).toBe('61.00%')
    expect(first.find('.expected').text()).toBe('99.80%')
    expect(first.find('.share').text()).toBe('72.3%')
    expect(page.find('[data-testid="attribution-cause-2"] .share').text()).toBe('18.1%')
    expect(page.find('[data-testid="attribution-cause-3"]').exists()).toBe(false)
    expect(page.find('[data-testid="cockpit-attribution"]').text()).toContain('1 more candidate(s) within the noise left out.')
  })

  it("says plainly when the KPI chosen from a card has no attribution metric, and asks nothing", async () => {
    const { page, fake, router } = await open(`/cockpit?${Q}`)
    await page.find('[data-testid="kpi-card-order_to_warehouse_minutes"] .explain').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.explain).toBe('order_to_warehouse_minutes')
    expect(page.find('[data-testid="attribution-no-metric"]').text()).toBe('Payment to warehouse, average has no attribution metric yet: the change cannot be broken down by dimension.')
    expect(fake.asked('/api/v1/attribution')).toHaveLength(1)
  })

  it('says when nothing explainable worsened, and when the API finds no significant cause', async () => {
    const better = { ...SET, kpis: SET.kpis.map((k) => (k.id === 'call_success_rate' ? { ...k, change: 0.001, status: 'healthy' as const } : k)) }
    const { page, fake } = await open(`/cockpit?${Q}`, apiFake({ '/api/v1/kpis': kpisRoute(better) }))
    expect(fake.asked('/api/v1/attribution')).toHaveLength(0)
    expect(page.find('[data-testid="cockpit-attribution"]').text()).toContain('No KPI with an attribution worsened in this range')

    const { page: none } = await open(`/cockpit?${Q}&explain=call_success_rate`, apiFake({ '/api/v1/attribution': () => ({ status: 200, body: { ...ATTRIBUTION, root_causes: [] } }) }))
    expect(none.find('[data-testid="cockpit-attribution"]').text()).toContain('No dimension combination explains the change of Interface call success significantly')
  })
})

describe('CockpitPage attribution baseline', () => {
  it('compares with the previous period when chosen (kept in the URL), and by itself when the 7-day baseline is empty', async () => {
    const empty = { ...ATTRIBUTION, root_causes: [], baseline: { ...ATTRIBUTION.baseline, windows_with_data: 0 } }
    const { page, fake, router } = await open(`/cockpit?${Q}`, apiFake({ '/api/v1/attribution': (u) => ({ status: 200, body: u.searchParams.get('baseline_from') ? ATTRIBUTION : empty }) }))
    expect(page.find('[data-testid="attribution-fell-back"]').text()).toContain('compared with the previous period instead')
    await page.find('[data-testid="attribution-baseline"]').setValue('previous')
    await flushPromises()
    expect(router.currentRoute.value.query.baseline).toBe('previous')
    const last = fake.asked('/api/v1/attribution').at(-1)!
    expect([last.searchParams.get('baseline_from'), last.searchParams.get('baseline_to')]).toEqual([SET.previous.from, SET.previous.to])
    expect(page.find('[data-testid="attribution-cause-1"] .share').text()).toBe('72.3%')
  })
})

describe('CockpitPage consistency report', () => {
  it('reads the day in the URL, shows each channel and the total, and downloads the CSV with the session token', async () => {
    const { page, fake, router } = await open(`/cockpit?${Q}&date=2026-11-20`)
    expect(fake.asked('/api/v1/reports/consistency')[0]!.searchParams.get('date')).toBe('2026-11-20')
    const panel = page.find('[data-testid="cockpit-consistency"]')
    expect(panel.findAll('tbody tr').map((r) => r.attributes('data-testid'))).toEqual(['consistency-row-tmall', 'consistency-row-all'])
    expect(panel.find('[data-testid="consistency-row-tmall"]').text()).toContain('99.00%')

    const csvCalls: { url: string; headers: Record<string, string> }[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      csvCalls.push({ url, headers: init?.headers as Record<string, string> })
      return new Response('channel,landing_success_rate\ntmall,0.99\n', { status: 200, headers: { 'content-type': 'text/csv' } })
    })
    const created: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:csv'), revokeObjectURL: () => {} }))
    await panel.find('[data-testid="consistency-csv"]').trigger('click')
    await flushPromises()
    expect(csvCalls[0]!.url).toBe('/api/v1/reports/consistency?date=2026-11-20&format=csv')
    expect(csvCalls[0]!.headers.authorization).toBe('Bearer ey.token')
    expect(await created[0]!.text()).toContain('tmall,0.99')

    await panel.find('[data-testid="consistency-date"]').setValue('2026-11-21')
    await panel.find('[data-testid="consistency-date"]').trigger('change')
    await flushPromises()
    expect(router.currentRoute.value.query.date).toBe('2026-11-21')
  })

  it('is asked beside the cards, not after them: it shows while the KPIs are still loading or have failed', async () => {
    let answerCards: (r: Response) => void = () => {}
    const fake = apiFake()
    const fetchFn = async (input: string) => (new URL(input, 'http://console.test').pathname === '/api/v1/kpis' ? new Promise<Response>((resolve) => (answerCards = resolve)) : fake.fn(input))
    const { page } = await open(`/cockpit?${Q}&date=2026-11-20`, { ...fake, fn: fetchFn as typeof fake.fn })
    expect(page.find('[data-testid="cockpit-consistency"] [data-testid="consistency-row-tmall"]').exists()).toBe(true)
    answerCards(new Response(JSON.stringify({ statusCode: 500, message: 'ClickHouse is unreachable' }), { status: 500, headers: { 'content-type': 'application/json' } }))
    await flushPromises()
    expect(page.find('[role=alert]').text()).toContain('ClickHouse is unreachable')
    expect(page.find('[data-testid="consistency-row-tmall"]').exists()).toBe(true)
  })

  it('defaults to the last whole China-local day up to the window\'s end and says when that day is empty', async () => {
    const zero = { ...REPORT.total, channel_orders: 0, landed: 0, created_records: 0, duplicate_records: 0, gross_orders: 0, net_orders: 0, calls: 0, timeouts: 0, landing_success_rate: null, duplicate_rate: null, timeout_rate: null }
    const fake = apiFake({ '/api/v1/reports/consistency': () => ({ status: 200, body: { ...REPORT, channels: [], total: zero } }) })
    const { page } = await open(`/cockpit?${Q}`, fake)
    // The window ends 2026-11-23T08:00Z = 16:00 in China: the 23rd is not over, the 22nd is the last whole day.
    expect(fake.asked('/api/v1/reports/consistency')[0]!.searchParams.get('date')).toBe('2026-11-22')
    expect(page.find('[data-testid="cockpit-consistency"]').text()).toContain('No orders or calls on 2026-11-22.')
  })
})

describe('CockpitPage live refresh', () => {
  it('moves a relative window on each refresh and re-asks cards, sparklines, drill-down and attribution, but not a past day\'s report', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    try {
      vi.setSystemTime(Date.parse('2026-11-23T08:00:30Z'))
      const { fake } = await open('/cockpit?range=24h&date=2026-11-01')
      const count = () => ({ cards: cardsAsked(fake.asked('/api/v1/kpis')).filter((u) => u.searchParams.get('trend') === '1h' && u.searchParams.get('dimension') === 'channel').length, drill: drillAsked(fake.asked('/api/v1/kpis')).length, report: fake.asked('/api/v1/reports/consistency').length, attribution: fake.asked('/api/v1/attribution').length })
      expect(count()).toEqual({ cards: 1, drill: 0, report: 1, attribution: 1 })
      vi.advanceTimersByTime(61_000)
      await flushPromises()
      // The cards' answer brings the drill-down along: the panel asks nothing of its own on a refresh either.
      expect(count()).toEqual({ cards: 2, drill: 0, report: 1, attribution: 2 })
      expect(fake.asked('/api/v1/kpis').filter((u) => u.searchParams.get('trend')).at(-1)!.searchParams.get('to')).toBe('2026-11-23T08:01:00.000Z')
    } finally {
      vi.useRealTimers()
    }
  })
})
