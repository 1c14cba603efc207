import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsoleI18n } from '../i18n/index.ts'
import { useSession } from '../session.ts'
import { testRouter } from '../test/harness.ts'
import SyncHealthPage from './SyncHealthPage.vue'
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
  evidence: {},
  fix: 'Spread the polling',
  ...over,
})

const SERIES: KpiSeries = { kpi: 'call_success_rate', bucket: '5m', unit: 'ratio', healthy: 0.995, warning: 0.98, series: [{ key: 'all', points: [{ t: '2026-11-23T06:00:00.000Z', value: 0.99, n: 400 }] }] }

/** Answers by path, like the server: findings (all, or only the asked pattern) and the call-success series. */
function fakeServer(findings: Finding[]) {
  const urls: string[] = []
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url)
    const u = new URL(url, 'http://console')
    const body = u.pathname === '/api/v1/findings' ? { findings: findings.filter((f) => !u.searchParams.get('pattern') || f.pattern === u.searchParams.get('pattern')), patterns: ['throttling', 'ip_whitelist'] } : SERIES
    return new Response(JSON.stringify(body), { status: 200 })
  })
  return urls
}

async function open(path: string) {
  useSession().start('ey.token', { name: 'zhao', role: 'sre' })
  const router = await testRouter(path)
  // ECharts needs a real canvas; the chart's option is tested on its own (callSuccessOption.test.ts).
  const page = mount(SyncHealthPage, { global: { plugins: [router, createConsoleI18n('en')], stubs: { LineChart: { props: ['option'], template: '<div class="chart-stub" />' } } } })
  await flushPromises()
  return { page, router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('SyncHealthPage', () => {
  it('lists findings most severe first and charts call success for the URL window', async () => {
    const urls = fakeServer([finding({}), finding({ finding_id: 'fedcba9876543210-2', pattern: 'ip_whitelist', severity: 'critical', summary: 'WMS refuses calls from a new IP' })])
    const { page } = await open('/sync-health?range=6h')
    expect(urls.some((u) => u.startsWith('/api/v1/kpis/series?kpi=call_success_rate&') && u.includes('bucket=5m'))).toBe(true)
    expect(page.find('.chart-stub').exists()).toBe(true)
    const rows = page.findAll('table.findings tbody tr')
    expect(rows.map((r) => r.find('code').text())).toEqual(['ip_whitelist', 'throttling'])
    expect(rows[1]!.text()).toContain('target_system=tms, endpoint=/tracking/query')
    expect(rows[1]!.find('a').attributes('href')).toBe('/api/v1/findings/0123456789abcdef-1')
  })

  it('keeps the pattern filter in the URL and asks the API for that pattern only', async () => {
    const urls = fakeServer([finding({}), finding({ finding_id: 'fedcba9876543210-2', pattern: 'ip_whitelist', severity: 'critical' })])
    const { page, router } = await open('/sync-health')
    await page.find('.panel-header select').setValue('ip_whitelist')
    await flushPromises()
    expect(router.currentRoute.value.query.pattern).toBe('ip_whitelist')
    expect(urls.at(-1)).toContain('pattern=ip_whitelist')
    expect(page.findAll('table.findings tbody tr')).toHaveLength(1)
  })

  it('says why the findings list is empty', async () => {
    fakeServer([])
    const { page } = await open('/sync-health')
    expect(page.find('table.findings').exists()).toBe(false)
    expect(page.text()).toContain('No findings in this time range')
  })
})
