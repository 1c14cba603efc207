import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { refreshSeconds } from '../composables/useRefresh.ts'
import { useSession, type Role } from '../session.ts'
import { mountPage, testRouter } from '../test/harness.ts'
import TicketsPage from './TicketsPage.vue'
import type { Locale } from '../i18n/index.ts'
import type { Ticket, TicketStatus, TicketSummary, TicketView } from './types.ts'

const HOUR = 3_600_000
const ACTIVE_URL = '/api/v1/tickets?status=open&status=acknowledged&status=in_progress&limit=1000'
const DONE_URL = '/api/v1/tickets?status=resolved&status=closed&limit=1000'

function summary(id: string, status: TicketStatus, remaining_ms: number, more: Partial<TicketSummary> = {}): TicketSummary {
  const colour = remaining_ms < 0 ? 'red' : remaining_ms > HOUR / 2 ? 'green' : 'yellow'
  return {
    ticket_id: id, team: 'payments', status, priority: 'P1', owner: 'li', pattern: 'payment_failure', finding_id: 'f1', scope_pairs: [], response_ms: HOUR, escalated: false,
    resolution: '', title: `Ticket ${id}`, summary_zh: '', created_at: '2026-11-23T06:00:00.000Z', deadline: '2026-11-23T08:00:00.000Z', resolved_at: null,
    sla: { deadline: '2026-11-23T08:00:00.000Z', remaining_ms, colour, overdue: remaining_ms < 0, stopped: status === 'resolved' || status === 'closed' },
    ...more,
  }
}

const ACTIVE = [summary('TK-1', 'open', -600_000), summary('TK-2', 'acknowledged', HOUR / 2 + 2_000, { priority: 'P0', owner: 'wang', team: 'wms' }), summary('TK-3', 'in_progress', 1_500)]
const DONE = [summary('TK-0', 'resolved', 600_000)]

function ticket(id: string, status: TicketStatus): Ticket {
  return {
    ticket_id: id, title: 'Payment callbacks failing', status, priority: 'P1', team: 'payments', support_teams: [], owner: 'li', pattern: 'payment_failure', severity: 'critical', scope: {},
    summary: 'Callbacks answer 401', fix: 'Rotate the secret', summary_zh: '', fix_zh: '', evidence: {}, finding_id: 'f1', finding_at: '2026-11-23T06:00:00.000Z', created_at: '2026-11-23T06:00:00.000Z', response_ms: HOUR,
    deadline: '2026-11-23T08:00:00.000Z', escalated: false, reminded_for: 0, escalated_for: 0, resolution: '', resolution_evidence: [], resolved_at: '', verdict: '', version: 2, updated_at: '2026-11-23T06:05:00.000Z', comments: [],
  }
}

const view = (id: string, status: TicketStatus): TicketView => ({
  ticket: ticket(id, status),
  events: [
    { ticket_id: id, event_id: 'e1', seq: 1, at: '2026-11-23T06:00:00.000Z', actor: 'alert-engine', type: 'created', before: {}, after: { status: 'open' }, note: '' },
    { ticket_id: id, event_id: 'e2', seq: 2, at: '2026-11-23T06:05:00.000Z', actor: 'li', type: 'reassigned', before: { owner: '' }, after: { owner: 'li' }, note: 'mine' },
  ],
  sla: ACTIVE[2]!.sla,
  playbook: { key: 'payment_*', title: 'Payment failures', steps: ['Check the gateway status page'] },
  similar: [{ ticket_id: 'TK-0', title: 'Callbacks failing', pattern: 'payment_failure', summary_zh: '', scope_pairs: [], same_pattern: true, shared_scope: [], resolved_at: '2026-11-20T00:00:00.000Z', resolution: 'Rotated the callback secret' }],
})

/** A fetch answering by method and URL, recording every call with its body. */
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

const LISTS = { [`GET ${ACTIVE_URL}`]: { status: 200, body: { tickets: ACTIVE } }, [`GET ${DONE_URL}`]: { status: 200, body: { tickets: DONE } } }

async function open(role: Role, path: string, answers: Record<string, { status: number; body: unknown }> = {}, locale: Locale = 'en') {
  const fetch = routedFetch({ ...LISTS, ...answers })
  vi.stubGlobal('fetch', fetch.fn)
  useSession().start('ey.token', { name: 'li', role })
  const router = await testRouter(path)
  const page = mountPage(TicketsPage, router, locale)
  mounted.push(page)
  await flushPromises()
  return { page, fetch, router }
}

// Unmounted after each test, so no page's refresh timer outlives its test.
const mounted: { unmount(): void }[] = []

afterEach(() => {
  mounted.splice(0).forEach((page) => page.unmount())
  vi.useRealTimers()
  vi.unstubAllGlobals()
  useSession().end()
})

describe('TicketsPage board', () => {
  it('asks for every active ticket and the recent resolved ones, and puts each in its status column', async () => {
    const { page, fetch } = await open('oncall', '/tickets')
    expect(fetch.calls.map((c) => c.url)).toEqual([ACTIVE_URL, DONE_URL])
    expect(page.find('[data-testid=tickets-board] .column-in_progress [data-testid=ticket-card-TK-3]').exists()).toBe(true)
    expect(page.find('.column-resolved').text()).toContain('TK-0')
    expect(page.find('[data-testid=ticket-sla-TK-1]').text()).toBe('-10m 00s')
    expect(page.find('[data-testid=ticket-sla-TK-1]').classes()).toContain('sla-red')
  })

  it('ticks the countdown every second and turns it yellow, then red, at the thresholds, without asking the server', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    refreshSeconds.value = 0
    const { page, fetch } = await open('oncall', '/tickets')
    const sla = (id: string) => page.find(`[data-testid=ticket-sla-${id}]`)
    expect(sla('TK-2').classes()).toContain('sla-green')
    expect(sla('TK-3').classes()).toContain('sla-yellow')
    expect(sla('TK-3').text()).toBe('0m 01s')
    vi.advanceTimersByTime(3_000)
    await flushPromises()
    // Half the hour's response time left is the yellow line; overdue is red.
    expect(sla('TK-2').classes()).toContain('sla-yellow')
    expect(sla('TK-3').classes()).toContain('sla-red')
    expect(sla('TK-3').text()).toBe('-0m 01s')
    // A resolved ticket's clock has stopped: it says the SLA was met instead of counting.
    expect(sla('TK-0').text()).toBe('SLA met')
    expect(sla('TK-0').classes()).toContain('sla-met')
    expect(fetch.calls).toHaveLength(2)
  })

  it('shows a done ticket resolved after its deadline as SLA missed, not as a countdown', async () => {
    const late = summary('TK-8', 'closed', -600_000)
    const { page } = await open('oncall', '/tickets', { [`GET ${DONE_URL}`]: { status: 200, body: { tickets: [late] } } })
    const sla = page.find('[data-testid=ticket-sla-TK-8]')
    expect(sla.text()).toBe('SLA missed')
    expect(sla.attributes('data-outcome')).toBe('missed')
    expect(sla.classes()).not.toContain('sla-red')
  })

  it('reloads the board at the chosen refresh interval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    refreshSeconds.value = 30
    const { fetch } = await open('oncall', '/tickets')
    vi.advanceTimersByTime(30_000)
    await flushPromises()
    expect(fetch.calls.map((c) => c.url)).toEqual([ACTIVE_URL, DONE_URL, ACTIVE_URL, DONE_URL])
  })

  it('filters by the URL (priority, team, owner, pattern, mine) and writes a changed filter back', async () => {
    const { page, router } = await open('oncall', '/tickets?priority=P0')
    expect(page.findAll('.ticket-card').map((c) => c.attributes('data-ticket'))).toEqual(['TK-2'])
    await page.find('select[name=priority]').setValue('')
    await flushPromises()
    expect(router.currentRoute.value.query.priority).toBeUndefined()
    await page.find('input[name=mine]').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query.mine).toBe('1')
    // li owns TK-0, TK-1 and TK-3; wang owns TK-2.
    expect(page.findAll('.ticket-card').map((c) => c.attributes('data-ticket')).sort()).toEqual(['TK-0', 'TK-1', 'TK-3'])
    await page.find('select[name=team]').setValue('wms')
    await flushPromises()
    expect(router.currentRoute.value.query.team).toBe('wms')
    expect(page.text()).toContain('No ticket matches these filters.')
  })
})

describe('TicketDetail', () => {
  it('shows a manager the history, playbook and similar tickets but no acknowledge, resolve or comment', async () => {
    const { page } = await open('manager', '/tickets?ticket=TK-1', { 'GET /api/v1/tickets/TK-1': { status: 200, body: view('TK-1', 'open') } })
    expect(page.find('[data-testid=ticket-detail]').exists()).toBe(true)
    expect(page.findAll('.history tbody tr')).toHaveLength(2)
    expect(page.find('.history').text()).toContain('owner: li')
    expect(page.find('.history').text()).toContain('reassigned')
    expect(page.find('.playbook').text()).toContain('Check the gateway status page')
    expect(page.find('.similar').text()).toContain('Rotated the callback secret')
    expect(page.find('[data-testid=ticket-action-acknowledge]').exists()).toBe(false)
    expect(page.find('[data-testid=ticket-note]').exists()).toBe(false)
    expect(page.findAll('.ticket-detail button:not(.close)')).toHaveLength(0)
  })

  it("writes the history's times (the created event's deadline) like the header, not as raw UTC text", async () => {
    const answer = view('TK-1', 'open')
    answer.events[0]!.after = { status: 'open', deadline: '2026-11-23T08:00:00.000Z' }
    const { page } = await open('manager', '/tickets?ticket=TK-1', { 'GET /api/v1/tickets/TK-1': { status: 200, body: answer } })
    const history = page.find('.history').text()
    expect(history).not.toContain('2026-11-23T08:00:00.000Z')
    expect(history).toContain(`deadline: ${new Date('2026-11-23T08:00:00.000Z').toLocaleString('en')}`)
  })

  it('lets an SRE comment but not acknowledge or reassign', async () => {
    const { page } = await open('sre', '/tickets?ticket=TK-1', { 'GET /api/v1/tickets/TK-1': { status: 200, body: view('TK-1', 'open') } })
    expect(page.findAll('.ticket-actions button').map((b) => b.attributes('data-testid'))).toEqual(['ticket-action-comment'])
  })

  it('acknowledges an open ticket for on-call and shows the new status', async () => {
    const { page, fetch } = await open('oncall', '/tickets?ticket=TK-1', { 'GET /api/v1/tickets/TK-1': { status: 200, body: view('TK-1', 'open') }, 'POST /api/v1/tickets/TK-1/acknowledge': { status: 200, body: {} } })
    expect(page.find('[data-testid=ticket-status]').text()).toBe('Open')
    fetch.calls.length = 0
    await page.find('[data-testid=ticket-action-acknowledge]').trigger('click')
    await flushPromises()
    expect(fetch.calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/tickets/TK-1/acknowledge' })
  })

  it('refuses to resolve without a note, saying why, and posts note and evidence once given', async () => {
    const { page, fetch } = await open('oncall', '/tickets?ticket=TK-3', { 'GET /api/v1/tickets/TK-3': { status: 200, body: view('TK-3', 'in_progress') }, 'POST /api/v1/tickets/TK-3/resolve': { status: 200, body: {} } })
    fetch.calls.length = 0
    await page.find('[data-testid=ticket-action-resolve]').trigger('click')
    await flushPromises()
    expect(page.find('[data-testid=ticket-refusal]').text()).toBe('Write a resolution note first: what was wrong and what fixed it.')
    expect(fetch.calls).toHaveLength(0)
    await page.find('[data-testid=ticket-note]').setValue('Rotated the secret')
    await page.find('textarea[name=evidence]').setValue('https://grafana/d/1\n\n  /trace?key=X ')
    await page.find('[data-testid=ticket-action-resolve]').trigger('click')
    await flushPromises()
    expect(fetch.calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/tickets/TK-3/resolve', body: { note: 'Rotated the secret', evidence: ['https://grafana/d/1', '/trace?key=X'] } })
    expect(page.find('[data-testid=ticket-refusal]').exists()).toBe(false)
  })

  it("shows the API's refusal as it said it", async () => {
    const refusal = { statusCode: 409, error: 'Conflict', message: 'TK-3 is resolved already' }
    const { page } = await open('oncall', '/tickets?ticket=TK-3', { 'GET /api/v1/tickets/TK-3': { status: 200, body: view('TK-3', 'in_progress') }, 'POST /api/v1/tickets/TK-3/resolve': { status: 409, body: refusal } })
    await page.find('[data-testid=ticket-note]').setValue('done')
    await page.find('textarea[name=evidence]').setValue('x')
    await page.find('[data-testid=ticket-action-resolve]').trigger('click')
    await flushPromises()
    expect(page.find('[data-testid=ticket-refusal]').text()).toBe(refusal.message)
    expect((page.find('[data-testid=ticket-note]').element as HTMLTextAreaElement).value).toBe('done')
  })
})

describe('tickets in the console language', () => {
  // A ticket of an ip_whitelist finding, as the API gives it: English title, summary and fix, and the finding's Chinese.
  const EN_TITLE = 'ip_whitelist (client_ip=10.8.1.21): oms refuses /callback/shipment from 10.8.1.21'
  const ZH_SUMMARY = 'oms 拒绝来自 10.8.1.21 的 /callback/shipment'
  const bilingual = summary('TK-5', 'open', HOUR, { pattern: 'ip_whitelist', scope_pairs: ['client_ip=10.8.1.21'], title: EN_TITLE, summary_zh: ZH_SUMMARY })
  const detail = (zh: boolean): TicketView => {
    const v = view('TK-5', 'open')
    Object.assign(v.ticket, { pattern: 'ip_whitelist', scope: { client_ip: '10.8.1.21' }, title: EN_TITLE, summary: 'oms refuses /callback/shipment from 10.8.1.21', fix: 'Whitelist 10.8.1.21', ...(zh ? { summary_zh: ZH_SUMMARY, fix_zh: '把 10.8.1.21 加入白名单' } : {}) })
    v.similar = [{ ...v.similar[0]!, pattern: 'ip_whitelist', title: 'ip_whitelist (client_ip=10.8.1.30): old one', summary_zh: zh ? '旧的' : '', scope_pairs: ['client_ip=10.8.1.30'] }]
    return v
  }
  const answers = (zh: boolean) => ({
    [`GET ${ACTIVE_URL}`]: { status: 200, body: { tickets: [bilingual, zh ? bilingual : { ...bilingual, ticket_id: 'TK-6', summary_zh: '' }].map((t, i) => ({ ...t, ticket_id: `TK-${5 + i}` })) } },
    'GET /api/v1/tickets/TK-5': { status: 200, body: detail(zh) },
  })

  it('zh-CN: the card and the detail read the pattern name, scope and Chinese summary, the detail the Chinese fix; the pattern filter names patterns', async () => {
    const { page } = await open('oncall', '/tickets?ticket=TK-5', answers(true), 'zh-CN')
    expect(page.find('[data-testid=ticket-title-TK-5]').text()).toBe(`IP 未加入白名单（client_ip=10.8.1.21）：${ZH_SUMMARY}`)
    expect(page.find('[data-testid=ticket-card-TK-5] small').text()).toContain('IP 未加入白名单')
    expect(page.find('[data-testid=ticket-detail-title]').text()).toBe(`TK-5 · IP 未加入白名单（client_ip=10.8.1.21）：${ZH_SUMMARY}`)
    expect(page.find('[data-testid=ticket-summary]').text()).toBe(ZH_SUMMARY)
    expect(page.find('[data-testid=ticket-fix]').text()).toContain('把 10.8.1.21 加入白名单')
    expect(page.find('.similar').text()).toContain('IP 未加入白名单（client_ip=10.8.1.30）：旧的')
    const options = page.findAll('select[name=pattern] option').map((o) => [o.attributes('value'), o.text()])
    expect(options).toContainEqual(['ip_whitelist', 'IP 未加入白名单'])
  })

  it('en: the stored English title, summary and fix, English pattern names', async () => {
    const { page } = await open('oncall', '/tickets?ticket=TK-5', answers(true), 'en')
    expect(page.find('[data-testid=ticket-title-TK-5]').text()).toBe(EN_TITLE)
    expect(page.find('[data-testid=ticket-detail-title]').text()).toBe(`TK-5 · ${EN_TITLE}`)
    expect(page.find('[data-testid=ticket-summary]').text()).toBe('oms refuses /callback/shipment from 10.8.1.21')
    expect(page.find('[data-testid=ticket-fix]').text()).toContain('Whitelist 10.8.1.21')
    expect(page.findAll('select[name=pattern] option').map((o) => o.text())).toContain('IP not whitelisted')
  })

  it('zh-CN: a ticket without Chinese (made before, or by hand) shows its English title, summary and fix', async () => {
    const { page } = await open('oncall', '/tickets?ticket=TK-5', answers(false), 'zh-CN')
    expect(page.find('[data-testid=ticket-title-TK-6]').text()).toBe(EN_TITLE)
    expect(page.find('[data-testid=ticket-detail-title]').text()).toBe(`TK-5 · ${EN_TITLE}`)
    expect(page.find('[data-testid=ticket-summary]').text()).toBe('oms refuses /callback/shipment from 10.8.1.21')
    expect(page.find('[data-testid=ticket-fix]').text()).toContain('Whitelist 10.8.1.21')
    expect(page.find('.similar').text()).toContain('ip_whitelist (client_ip=10.8.1.30): old one')
  })
})
