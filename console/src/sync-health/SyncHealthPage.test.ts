import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { refreshSeconds } from '../composables/useRefresh.ts'
import { createConsoleI18n } from '../i18n/index.ts'
import { useSession } from '../session.ts'
import { testRouter } from '../test/harness.ts'
import SyncHealthPage from './SyncHealthPage.vue'
import { ENDPOINTS, ERRORS, HEATMAP, JOBS, QUEUES } from './fixtures.test-data.ts'
import type { Finding, KpiSeries } from './types.ts'

const finding = (over: Partial<Finding>): Finding => ({
  finding_id: '0123456789abcdef-1',
  pattern: 'throttling',
  severity: 'warning',
  status: 'active',
  scope: { target_system: 'tms', endpoint: '/tracking/query' },
  first_seen: '2026-11-23T06:00:00.000Z',
  last_seen: '2026-11-23T07:00:00.000Z',
  summary: 'TMS answers 429 to tracking queries',
  evidence: { rate_limited: 120 },
  fix: 'Spread the polling',
  fingerprint: '0123456789abcdef',
  detected_at: '2026-11-23T06:01:00.000Z',
  evaluated_at: '2026-11-23T07:00:00.000Z',
  ended_at: null,
  passes: 60,
  version: 60,
  ...over,
})

const SERIES: KpiSeries = { kpi: 'call_success_rate', from: '2026-11-23T01:00:00.000Z', to: '2026-11-23T07:00:00.000Z', bucket: '5m', unit: 'ratio', healthy: 0.995, warning: 0.98, series: [{ key: 'all', points: [{ t: '2026-11-23T06:00:00.000Z', value: 0.99, n: 400 }] }] }

const EMPTY: Record<string, unknown> = {
  '/api/v1/sync/endpoints': { ...ENDPOINTS, endpoints: [], systems: [] },
  '/api/v1/sync/errors': { ...ERRORS, reasons: [], total_reasons: 0, failures: 0 },
  '/api/v1/sync/heatmap': { ...HEATMAP, rows: [], columns: [], cells: [], total_rows: 0, total_columns: 0 },
  '/api/v1/sync/jobs': { ...JOBS, jobs: [] },
  '/api/v1/sync/queues': { ...QUEUES, queues: [] },
  '/api/v1/kpis/series': { ...SERIES, series: [] },
}

/** Answers by path, like the server; `override` replaces an answer (a body, or a status to fail with). */
function fakeServer(findings: Finding[], override: Record<string, unknown> = {}) {
  const urls: string[] = []
  const answers: Record<string, unknown> = { '/api/v1/sync/endpoints': ENDPOINTS, '/api/v1/sync/errors': ERRORS, '/api/v1/sync/heatmap': HEATMAP, '/api/v1/sync/jobs': JOBS, '/api/v1/sync/queues': QUEUES, '/api/v1/kpis/series': SERIES, ...override }
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url)
    const u = new URL(url, 'http://console')
    if (u.pathname === '/api/v1/findings') {
      return new Response(JSON.stringify({ findings: findings.filter((f) => !u.searchParams.get('pattern') || f.pattern === u.searchParams.get('pattern')), patterns: ['throttling', 'ip_whitelist'] }), { status: 200 })
    }
    const body = answers[u.pathname]
    if (typeof body === 'number') return new Response(JSON.stringify({ message: 'store unreachable' }), { status: body })
    return new Response(JSON.stringify(body), { status: 200 })
  })
  return { urls, asked: (path: string) => urls.filter((u) => u.startsWith(`${path}?`)).map((u) => new URL(u, 'http://console').searchParams) }
}

async function open(path: string, locale: 'en' | 'zh-CN' = 'en') {
  useSession().start('ey.token', { name: 'zhao', role: 'sre' })
  const router = await testRouter(path)
  // ECharts needs a real canvas; each chart's option is tested on its own (options.test.ts, callSuccessOption.test.ts).
  const chart = { props: ['option', 'height'], template: '<div class="chart-stub" />' }
  const page = mount(SyncHealthPage, { global: { plugins: [router, createConsoleI18n(locale)], stubs: { LineChart: chart, BarChart: chart, HeatmapChart: chart } } })
  await flushPromises()
  return { page, router }
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  useSession().end()
})

describe('SyncHealthPage', () => {
  it('asks every panel’s data for the URL window and shows it', async () => {
    const server = fakeServer([finding({})])
    const { page } = await open('/sync-health?range=6h')
    expect(server.asked('/api/v1/kpis/series')[0]!.get('bucket')).toBe('5m')
    const [endpoints] = server.asked('/api/v1/sync/endpoints')
    const span = Date.parse(endpoints!.get('to')!) - Date.parse(endpoints!.get('from')!)
    expect(span).toBe(6 * 3_600_000)
    expect(server.asked('/api/v1/sync/queues')[0]!.get('bucket')).toBe('5m')
    expect(server.asked('/api/v1/sync/heatmap')[0]!.get('by')).toBe('client_ip')
    expect(page.get('[data-testid="endpoint-success-wms-oms-/callback/shipment"]').text()).toBe('53.19%')
    expect(page.get('[data-testid="error-calls-IP_NOT_IN_WHITELIST"]').text()).toBe('211')
    expect(page.get('[data-testid="heatmap-hottest"]').text()).toBe('Most failures: oms /callback/shipment × 10.8.1.21: 212 of 279 calls failed')
    expect(page.get('[data-testid="job-row-pinduoduo_order_import"]').classes()).toContain('job-overdue')
    expect(page.get('[data-testid="queue-depth-oms-to-wms"]').text()).toBe('83')
    // Its oldest message waits 21 min, past the 8-minute breaker; erp-sync is fine.
    expect(page.get('[data-testid="queue-oms-to-wms"]').classes()).toContain('over-breaker')
    expect(page.get('[data-testid="queue-erp-sync"]').classes()).not.toContain('over-breaker')
    for (const chart of ['chart-call-success', 'chart-errors', 'chart-heatmap', 'chart-queues']) expect(page.find(`[data-testid="${chart}"] .chart-stub`).exists()).toBe(true)
  })

  it('keeps the system filter in the URL and sends it to the call panels only', async () => {
    const server = fakeServer([])
    const { page, router } = await open('/sync-health')
    await page.get('[data-testid="system-filter"]').setValue('wms')
    await flushPromises()
    expect(router.currentRoute.value.query.system).toBe('wms')
    for (const path of ['endpoints', 'errors', 'heatmap']) expect(server.asked(`/api/v1/sync/${path}`).at(-1)!.get('system')).toBe('wms')
    expect(server.asked('/api/v1/sync/jobs')).toHaveLength(1)
    expect(server.asked('/api/v1/sync/jobs')[0]!.has('system')).toBe(false)
  })

  it('switches the heat map to channels through the URL', async () => {
    const server = fakeServer([])
    const { page, router } = await open('/sync-health?system=oms')
    expect(page.get('[data-testid="heatmap-by"] button[aria-pressed="true"]').attributes('data-by')).toBe('client_ip')
    await page.get('[data-testid="heatmap-by"] button[data-by="channel"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ by: 'channel', system: 'oms' })
    const last = server.asked('/api/v1/sync/heatmap').at(-1)!
    expect([last.get('by'), last.get('system')]).toEqual(['channel', 'oms'])
    expect(page.get('[data-testid="heatmap-by"] button[aria-pressed="true"]').attributes('data-by')).toBe('channel')
    expect(page.get('[data-testid="sync-heatmap"] h2').text()).toContain('channel')
  })

  it('ignores a heat-map column the API does not offer', async () => {
    const server = fakeServer([])
    await open('/sync-health?by=warehouse')
    expect(server.asked('/api/v1/sync/heatmap')[0]!.get('by')).toBe('client_ip')
  })

  it('lists findings most severe first, with their fix and evidence', async () => {
    fakeServer([finding({}), finding({ finding_id: 'fedcba9876543210-2', pattern: 'ip_whitelist', severity: 'critical', summary: 'WMS refuses calls from a new IP', fix: 'Add 10.8.1.21 to the whitelist', evidence: { refused: 211, samples: [{ order_id: 'o-1', http_status: 403 }] } })])
    const { page } = await open('/sync-health?range=6h')
    const rows = page.findAll('[data-testid="sync-findings"] table.findings > tbody > tr:first-child')
    expect(rows.map((r) => r.find('code').text())).toEqual(['ip_whitelist', 'throttling'])
    expect(rows[0]!.get('[data-testid="finding-fix"]').text()).toBe('Fix: Add 10.8.1.21 to the whitelist')
    expect(rows[1]!.text()).toContain('target_system=tmsendpoint=/tracking/query')
    // Evidence opens under its finding, structured, with the link to the whole finding.
    expect(page.find('[data-testid="evidence-row-fedcba9876543210-2"]').exists()).toBe(false)
    await rows[0]!.get('[data-testid="finding-evidence-toggle"]').trigger('click')
    const evidence = page.get('[data-testid="evidence-row-fedcba9876543210-2"]')
    expect(evidence.get('.evidence-table').text()).toContain('o-1')
    expect(evidence.get('a').attributes('href')).toBe('/api/v1/findings/fedcba9876543210-2')
    await rows[0]!.get('[data-testid="finding-evidence-toggle"]').trigger('click')
    expect(page.find('[data-testid="evidence-row-fedcba9876543210-2"]').exists()).toBe(false)
  })

  it('writes every time on the page in the console language (zh-CN), not the browser’s', async () => {
    fakeServer([finding({ evidence: { samples: [{ order_id: 'o-1', at: '2026-11-23T06:30:00.000Z' }] } })])
    const { page } = await open('/sync-health?range=6h', 'zh-CN')
    const zh = (iso: string) => new Date(iso).toLocaleString('zh-CN')
    expect(page.get('[data-testid="finding-0123456789abcdef-1"] .seen').text()).toBe(`${zh('2026-11-23T06:00:00.000Z')}${zh('2026-11-23T07:00:00.000Z')}`)
    expect(page.get('[data-testid="job-last-success-taobao_order_import"]').attributes('title')).toBe(zh('2026-03-11T00:55:02.309Z'))
    expect(page.get('[data-testid="job-row-pinduoduo_order_import"] .due').text()).toContain(zh('2026-03-10T23:05:00.000Z'))
    await page.get('[data-testid="finding-evidence-toggle"]').trigger('click')
    expect(page.get('[data-testid="evidence-row-0123456789abcdef-1"] .evidence-table').text()).toContain(zh('2026-11-23T06:30:00.000Z'))
  })

  it('keeps the pattern filter in the URL and asks the API for that pattern only', async () => {
    const server = fakeServer([finding({}), finding({ finding_id: 'fedcba9876543210-2', pattern: 'ip_whitelist', severity: 'critical' })])
    const { page, router } = await open('/sync-health')
    await page.get('[data-testid="pattern-filter"]').setValue('ip_whitelist')
    await flushPromises()
    expect(router.currentRoute.value.query.pattern).toBe('ip_whitelist')
    expect(server.urls.at(-1)).toContain('pattern=ip_whitelist')
    expect(page.findAll('[data-testid="sync-findings"] table.findings > tbody > tr:first-child')).toHaveLength(1)
  })

  it('says why each panel is empty', async () => {
    fakeServer([], EMPTY)
    const { page } = await open('/sync-health')
    const text = (id: string) => page.get(`[data-testid="${id}"]`).text()
    expect(text('sync-call-success')).toContain('No interface calls in this time range.')
    expect(text('sync-endpoints')).toContain('No interface calls in this time range for this filter.')
    expect(text('sync-errors')).toContain('No failed calls in this time range')
    expect(text('sync-heatmap')).toContain('nothing to map')
    expect(text('sync-jobs')).toContain('No job has reported a run')
    expect(text('sync-queues')).toContain('No queue samples in this time range.')
    expect(text('sync-findings')).toContain('No findings in this time range')
    expect(page.find('table.findings').exists()).toBe(false)
  })

  it('shows a failed panel with its error and a retry, the others still working', async () => {
    const server = fakeServer([], { '/api/v1/sync/jobs': 500 })
    const { page } = await open('/sync-health')
    const jobs = page.get('[data-testid="sync-jobs"]')
    expect(jobs.text()).toContain('store unreachable')
    expect(page.get('[data-testid="queue-depth-oms-to-wms"]').text()).toBe('83')
    await jobs.get('button').trigger('click')
    await flushPromises()
    expect(server.asked('/api/v1/sync/jobs')).toHaveLength(2)
  })

  it('refreshes every panel live, moving the window to the present, and keeps showing the data meanwhile', async () => {
    // Only the interval is faked: the answers still arrive on the real event loop.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    vi.setSystemTime(Date.parse('2026-11-23T08:00:30Z'))
    refreshSeconds.value = 60
    const server = fakeServer([])
    const { page } = await open('/sync-health?range=1h')
    // A minute later (the faked clock moves with the timers): the 1-hour window now ends at 08:01.
    vi.advanceTimersByTime(60_000)
    await flushPromises()
    for (const path of ['/api/v1/sync/endpoints', '/api/v1/sync/errors', '/api/v1/sync/heatmap', '/api/v1/sync/jobs', '/api/v1/sync/queues', '/api/v1/kpis/series', '/api/v1/findings']) {
      const asked = server.asked(path)
      expect(asked.map((q) => q.get('to')), path).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T08:01:00.000Z'])
    }
    expect(page.get('[data-testid="queue-depth-oms-to-wms"]').text()).toBe('83')
  })
})
