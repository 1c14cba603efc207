import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { refreshSeconds } from '../composables/useRefresh.ts'
import { useSession, type Role } from '../session.ts'
import { mountPage, testRouter } from '../test/harness.ts'
import AlertsPage from './AlertsPage.vue'
import type { Locale } from '../i18n/index.ts'
import type { AlertState, Silence } from './types.ts'

const alert = (id: string, severity: string, more: Partial<AlertState> = {}): AlertState => ({
  id, fingerprint: `f-${id}`, labels: { alertname: 'ChannelSilent', channel: 'tmall', severity },
  annotations: { summary: 'No events from a channel for 30 minutes', evidence_url: '/trace?key=X', runbook_url: 'docs/RUNBOOK.md#freshness' },
  status: 'firing', active_since: '2026-11-23T06:00:00.000Z', fired_at: '2026-11-23T06:05:00.000Z', resolved_at: null, last_seen: '2026-11-23T07:00:00.000Z',
  notified_at: null, resolve_notified_at: null, version: 1, ...more,
})
const WARNING = alert('a1', 'warning')
const CRITICAL = alert('a2', 'critical', { labels: { alertname: 'CallbacksFailing', endpoint: '/pay/callback', severity: 'critical' }, annotations: { summary: 'Callbacks fail', runbook_url: 'https://wiki.example/runbook#callbacks' } })
const RESOLVED = alert('a3', 'info', { status: 'resolved', resolved_at: '2026-11-23T07:35:00.000Z', annotations: { summary: 'back' } })
const SILENCE: Silence = { id: '7f0c2b1e-0000-4000-8000-000000000001', matchers: [{ name: 'channel', value: 'tmall' }], startsAt: '2026-11-23T06:00:00.000Z', endsAt: '2099-11-23T08:00:00.000Z', createdBy: 'zhao', comment: 'deploy' }

/** A fetch answering by URL and method, recording every call with its body. */
function routedFetch(answers: Record<string, { status: number; body: unknown }>) {
  const calls: { method: string; url: string; body: unknown }[] = []
  const fn = async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    const answer = answers[`${method} ${url}`] ?? { status: 404, body: { message: `no answer for ${method} ${url}` } }
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } })
  }
  return { fn, calls }
}

const mounted: { unmount(): void }[] = []

async function open(role: Role, answers: Record<string, { status: number; body: unknown }> = {}, locale: Locale = 'en') {
  const fetch = routedFetch({ ...LISTS, ...answers })
  vi.stubGlobal('fetch', fetch.fn)
  useSession().start('ey.token', { name: 'zhao', role })
  const router = await testRouter('/alerts')
  const page = mountPage(AlertsPage, router, locale)
  mounted.push(page)
  await flushPromises()
  return { page, fetch, router }
}

const LISTS = {
  'GET /api/v1/alerts': { status: 200, body: { alerts: [WARNING, CRITICAL] } },
  'GET /api/v1/alerts?status=resolved&limit=25': { status: 200, body: { alerts: [RESOLVED] } },
  'GET /api/v1/silences': { status: 200, body: { silences: [SILENCE] } },
}

afterEach(() => {
  mounted.splice(0).forEach((p) => p.unmount())
  vi.useRealTimers()
  vi.unstubAllGlobals()
  useSession().end()
})

describe('AlertsPage', () => {
  it('lists firing alerts critical first, coloured by severity, with summary, labels, how long, evidence and runbook', async () => {
    const { page } = await open('oncall')
    const rows = page.findAll('[data-testid=alerts-firing] tbody tr')
    expect(rows.map((r) => r.attributes('data-testid'))).toEqual(['alert-row-a2', 'alert-row-a1'])
    const warning = page.find('[data-testid=alert-row-a1]')
    expect(warning.classes()).toContain('severity-warning')
    expect(warning.text()).toContain('channel=tmall')
    expect(warning.text()).toContain('No events from a channel for 30 minutes')
    expect(warning.find('a.evidence').attributes('href')).toBe('/trace?key=X')
    // A full URL is a link; a section of the shipped runbook unfolds in place (see the runbook test).
    expect(warning.find('a.runbook').exists()).toBe(false)
    expect(page.find('[data-testid=alert-row-a2] a.runbook').attributes('href')).toBe('https://wiki.example/runbook#callbacks')
    expect(warning.find('.lasted').text()).toMatch(/^\d+d \d+h$|^\d+h \d{2}m$/)
  })

  it('marks an alert a silence in force mutes, and lists the recently resolved with how long they lasted', async () => {
    const { page } = await open('oncall')
    expect(page.find('[data-testid=alert-row-a1]').text()).toContain('silenced by zhao')
    expect(page.find('[data-testid=alert-row-a2]').text()).not.toContain('silenced')
    const resolved = page.find('[data-testid=alerts-resolved] [data-testid=alert-row-a3]')
    expect(resolved.text()).toContain('back')
    expect(resolved.find('.lasted').text()).toBe('1h 30m')
    expect(resolved.find('button.silence').exists()).toBe(false)
  })

  it("unfolds the alert's section of the shipped runbook, not the next section", async () => {
    const { page } = await open('oncall')
    await page.find('[data-testid=alert-row-a1] button.runbook').trigger('click')
    // The runbook is a chunk of its own, loaded on the first click.
    const text = () => page.find('[data-testid=alert-row-a1] [data-testid=runbook-text]').text()
    expect(text()).not.toContain('has no section')
    await vi.waitFor(() => expect(text()).toContain('has sent nothing'), { timeout: 5000 })
    expect(text()).not.toContain('seasonal band')
  })

  it("opens a ticket reminder's evidence on the ticket board, not the API", async () => {
    const reminder = alert('a9', 'warning', { annotations: { summary: 'Ticket TK-7 is due', evidence_url: '/api/v1/tickets/TK-7' } })
    const { page } = await open('oncall', { 'GET /api/v1/alerts': { status: 200, body: { alerts: [reminder] } } })
    expect(page.find('a.evidence').attributes('href')).toBe('/tickets?ticket=TK-7')
  })

  it("creates a silence prefilled with the alert's labels, one unticked, then expires one", async () => {
    const { page, fetch } = await open('sre', { 'POST /api/v1/silences': { status: 201, body: SILENCE }, [`DELETE /api/v1/silences/${SILENCE.id}`]: { status: 200, body: SILENCE } })
    await page.find('[data-testid=alert-row-a1] button.silence').trigger('click')
    await page.find('input[name=matcher-severity]').setValue(false)
    await page.find('input[name=hours]').setValue('4')
    await page.find('input[name=comment]').setValue('tmall maintenance')
    const before = Date.now()
    await page.find('.silence-form').trigger('submit')
    await flushPromises()
    const body = fetch.calls.find((c) => c.method === 'POST')!.body as { matchers: unknown; endsAt: string; comment: string }
    expect(body.matchers).toEqual([{ name: 'alertname', value: 'ChannelSilent' }, { name: 'channel', value: 'tmall' }])
    expect(body.comment).toBe('tmall maintenance')
    expect(Date.parse(body.endsAt) - before).toBeGreaterThanOrEqual(4 * 3_600_000 - 1000)
    expect(Date.parse(body.endsAt) - before).toBeLessThan(4 * 3_600_000 + 60_000)
    expect(page.find('.silence-form').exists()).toBe(false)
    await page.find('[data-testid=alerts-silences] button.expire').trigger('click')
    await flushPromises()
    expect(fetch.calls.some((c) => c.method === 'DELETE' && c.url === `/api/v1/silences/${SILENCE.id}`)).toBe(true)
  })

  it('shows an alert muted as soon as a silence for it is made, however long the page has been open', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { page, fetch } = await open('oncall', { 'GET /api/v1/silences': { status: 200, body: { silences: [] } } })
    expect(page.find('[data-testid=alert-row-a2]').text()).not.toContain('silenced')
    vi.setSystemTime(Date.now() + 10 * 60_000)
    const made: Silence = { ...SILENCE, matchers: [{ name: 'alertname', value: 'CallbacksFailing' }], startsAt: new Date().toISOString() }
    const fn = fetch.fn
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) =>
      url === '/api/v1/silences' ? new Response(JSON.stringify(init?.method === 'POST' ? made : { silences: [made] }), { status: 200 }) : fn(url, init))
    await page.find('[data-testid=alert-row-a2] button.silence').trigger('click')
    await page.find('input[name=comment]').setValue('known')
    await page.find('.silence-form').trigger('submit')
    await flushPromises()
    expect(page.find('[data-testid=alert-row-a2]').text()).toContain('silenced by zhao')
  })

  it('shows an alert muted at once when the server clock is ahead of the page (the new silence is not taken for an upcoming one)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { page, fetch } = await open('oncall', { 'GET /api/v1/silences': { status: 200, body: { silences: [] } } })
    // The server started the silence 20 s after this page's "now" (its clock ahead, or our 30 s tick behind).
    const made: Silence = { ...SILENCE, matchers: [{ name: 'alertname', value: 'CallbacksFailing' }], startsAt: new Date(Date.now() + 20_000).toISOString() }
    const fn = fetch.fn
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) =>
      url === '/api/v1/silences' ? new Response(JSON.stringify(init?.method === 'POST' ? made : { silences: [made] }), { status: 200 }) : fn(url, init))
    await page.find('[data-testid=alert-row-a2] button.silence').trigger('click')
    await page.find('input[name=comment]').setValue('known')
    await page.find('.silence-form').trigger('submit')
    await flushPromises()
    expect(page.find('[data-testid=alert-row-a2]').text()).toContain('silenced by zhao')
    expect(page.find(`[data-testid=silence-row-${made.id}]`).classes()).not.toContain('upcoming')
  })

  it('draws the silenced mark as an inline icon, not an emoji that needs an emoji font', async () => {
    const { page } = await open('oncall')
    const mark = page.find('[data-testid=alert-row-a1] .muted')
    expect(mark.find('svg').exists()).toBe(true)
    expect(mark.text()).not.toMatch(/\p{Extended_Pictographic}/u)
  })

  it("shows the API's refusal of a silence", async () => {
    const { page } = await open('oncall', { 'POST /api/v1/silences': { status: 400, body: { statusCode: 400, message: 'body/comment must NOT have fewer than 3 characters' } } })
    await page.find('button.silence').trigger('click')
    await page.find('.silence-form').trigger('submit')
    await flushPromises()
    expect(page.find('.silence-form .refusal').text()).toBe('body/comment must NOT have fewer than 3 characters')
  })

  it('gives a manager no silence or expire buttons', async () => {
    const { page } = await open('manager')
    expect(page.find('[data-testid=alert-row-a1]').exists()).toBe(true)
    expect(page.find('[data-testid=alerts-silences] tbody tr').exists()).toBe(true)
    expect(page.findAll('button.silence, button.expire')).toHaveLength(0)
  })

  it('refreshes the three lists at the chosen interval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    refreshSeconds.value = 60
    const { fetch } = await open('oncall')
    expect(fetch.calls).toHaveLength(3)
    vi.advanceTimersByTime(60_000)
    await flushPromises()
    expect(fetch.calls.map((c) => c.url).slice(3).sort()).toEqual(['/api/v1/alerts', '/api/v1/alerts?status=resolved&limit=25', '/api/v1/silences'])
  })
})

describe('alerts in the console language', () => {
  // A FailurePattern alert from a bilingual finding, a KPI alert with the shipped rule's Chinese, and one from an old finding (English only).
  const FINDING = alert('b1', 'critical', {
    labels: { alertname: 'FailurePattern', pattern: 'ip_whitelist', client_ip: '10.8.1.21', severity: 'critical' },
    annotations: { summary: 'oms refuses /callback/shipment from 10.8.1.21', description: 'Whitelist 10.8.1.21', summary_zh: 'oms 拒绝来自 10.8.1.21 的 /callback/shipment', description_zh: '把 10.8.1.21 加入白名单' },
  })
  const KPI = alert('b2', 'warning', {
    labels: { alertname: 'InterfaceCallSuccessLow', endpoint: '/order/push', severity: 'warning' },
    annotations: { summary: 'Interface call success is 97.13% for endpoint=/order/push, under its warning line 98.00%', summary_zh: '接口调用成功率（endpoint=/order/push）为 97.13%，低于警戒线 98.00%' },
  })
  const OLD = alert('b3', 'warning', {
    labels: { alertname: 'FailurePattern', pattern: 'new_detector', severity: 'warning' },
    annotations: { summary: 'old English summary', description: 'old English fix' },
  })
  const answers = { 'GET /api/v1/alerts': { status: 200, body: { alerts: [FINDING, KPI, OLD] } } }
  const cell = (page: Awaited<ReturnType<typeof open>>['page'], id: string, what: string) => page.find(`[data-testid=alert-row-${id}] [data-testid=alert-${what}]`)

  it('zh-CN: the Chinese summary and fix of the finding, the Chinese of the KPI rule, the pattern name', async () => {
    const { page } = await open('oncall', answers, 'zh-CN')
    expect(cell(page, 'b1', 'summary').text()).toBe('oms 拒绝来自 10.8.1.21 的 /callback/shipment')
    expect(cell(page, 'b1', 'description').text()).toBe('把 10.8.1.21 加入白名单')
    expect(page.find('[data-testid=alert-row-b1] .pattern').text()).toBe('IP 未加入白名单')
    expect(cell(page, 'b2', 'summary').text()).toBe('接口调用成功率（endpoint=/order/push）为 97.13%，低于警戒线 98.00%')
  })

  it('en: the English summary and fix', async () => {
    const { page } = await open('oncall', answers, 'en')
    expect(cell(page, 'b1', 'summary').text()).toBe('oms refuses /callback/shipment from 10.8.1.21')
    expect(cell(page, 'b1', 'description').text()).toBe('Whitelist 10.8.1.21')
    expect(page.find('[data-testid=alert-row-b1] .pattern').text()).toBe('IP not whitelisted')
    expect(cell(page, 'b2', 'summary').text()).toMatch(/^Interface call success is 97\.13%/)
  })

  it('zh-CN: an alert without Chinese shows its English, and an unknown pattern its id', async () => {
    const { page } = await open('oncall', answers, 'zh-CN')
    expect(cell(page, 'b3', 'summary').text()).toBe('old English summary')
    expect(cell(page, 'b3', 'description').text()).toBe('old English fix')
    expect(page.find('[data-testid=alert-row-b3] .pattern').text()).toBe('new_detector')
  })
})
