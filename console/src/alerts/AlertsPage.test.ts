import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSession, type Role } from '../session.ts'
import { fakeFetch, mountPage, testRouter } from '../test/harness.ts'
import AlertsPage from './AlertsPage.vue'
import type { AlertState, Silence } from './types.ts'

const ALERT: AlertState = {
  id: 'a1', fingerprint: 'f1', labels: { alertname: 'ChannelSilent', channel: 'tmall' },
  annotations: { summary: 'No events from a channel for 30 minutes', evidence_url: '/trace?key=X' },
  status: 'firing', active_since: '2026-11-23T06:00:00.000Z', fired_at: '2026-11-23T06:05:00.000Z', resolved_at: null, last_seen: '2026-11-23T07:00:00.000Z',
}
const SILENCE: Silence = { id: '7f0c2b1e-0000-4000-8000-000000000001', matchers: [{ name: 'channel', value: 'tmall' }], startsAt: '2026-11-23T06:00:00.000Z', endsAt: '2026-11-23T08:00:00.000Z', createdBy: 'zhao', comment: 'deploy' }

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

async function open(role: Role, path: string, answers: Record<string, { status: number; body: unknown }>) {
  const fetch = routedFetch(answers)
  vi.stubGlobal('fetch', fetch.fn)
  useSession().start('ey.token', { name: 'zhao', role })
  const router = await testRouter(path)
  const page = mountPage(AlertsPage, router)
  await flushPromises()
  return { page, fetch, router }
}

const LISTS = { 'GET /api/v1/alerts': { status: 200, body: { alerts: [ALERT] } }, 'GET /api/v1/silences': { status: 200, body: { silences: [SILENCE] } } }

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('AlertsPage', () => {
  it('lists firing alerts with labels, summary and evidence link, and switches to resolved ones', async () => {
    const { page, fetch, router } = await open('oncall', '/alerts', { ...LISTS, 'GET /api/v1/alerts?status=resolved': { status: 200, body: { alerts: [{ ...ALERT, id: 'a2', status: 'resolved', resolved_at: '2026-11-23T07:30:00.000Z', annotations: { summary: 'back' } }] } } })
    const row = page.find('table.alerts tbody tr')
    expect(row.text()).toContain('channel=tmall')
    expect(row.text()).toContain('No events from a channel for 30 minutes')
    expect(row.find('a.evidence').attributes('href')).toBe('/trace?key=X')
    await page.find('.tab-resolved').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.status).toBe('resolved')
    expect(fetch.calls.map((c) => c.url)).toContain('/api/v1/alerts?status=resolved')
    expect(page.find('table.alerts tbody tr').text()).toContain('back')
    expect(page.find('table.alerts tbody tr a.evidence').exists()).toBe(false)
  })

  it("opens a ticket reminder's evidence on the ticket board, not the API", async () => {
    const reminder = { ...ALERT, annotations: { summary: 'Ticket TK-7 is due', evidence_url: '/api/v1/tickets/TK-7' } }
    const { page } = await open('oncall', '/alerts', { ...LISTS, 'GET /api/v1/alerts': { status: 200, body: { alerts: [reminder] } } })
    expect(page.find('a.evidence').attributes('href')).toBe('/tickets?ticket=TK-7')
  })

  it("creates a silence from an alert's labels with a duration and comment, then expires one", async () => {
    const { page, fetch } = await open('sre', '/alerts', { ...LISTS, 'POST /api/v1/silences': { status: 201, body: SILENCE }, [`DELETE /api/v1/silences/${SILENCE.id}`]: { status: 200, body: SILENCE } })
    await page.find('button.silence').trigger('click')
    await page.find('input[name=hours]').setValue('4')
    await page.find('input[name=comment]').setValue('tmall maintenance')
    const before = Date.now()
    await page.find('.silence-form').trigger('submit')
    await flushPromises()
    const post = fetch.calls.find((c) => c.method === 'POST')!
    const body = post.body as { matchers: unknown; endsAt: string; comment: string }
    expect(body.matchers).toEqual([{ name: 'alertname', value: 'ChannelSilent' }, { name: 'channel', value: 'tmall' }])
    expect(body.comment).toBe('tmall maintenance')
    expect(Date.parse(body.endsAt) - before).toBeGreaterThanOrEqual(4 * 3_600_000 - 1000)
    expect(Date.parse(body.endsAt) - before).toBeLessThan(4 * 3_600_000 + 60_000)
    expect(page.find('.silence-form').exists()).toBe(false)
    await page.find('button.expire').trigger('click')
    await flushPromises()
    expect(fetch.calls.some((c) => c.method === 'DELETE' && c.url === `/api/v1/silences/${SILENCE.id}`)).toBe(true)
  })

  it("shows the API's refusal of a silence", async () => {
    const { page } = await open('oncall', '/alerts', { ...LISTS, 'POST /api/v1/silences': { status: 400, body: { statusCode: 400, message: 'body/comment must NOT have fewer than 3 characters' } } })
    await page.find('button.silence').trigger('click')
    await page.find('.silence-form').trigger('submit')
    await flushPromises()
    expect(page.find('.silence-form .refusal').text()).toBe('body/comment must NOT have fewer than 3 characters')
  })

  it('gives a manager no silence buttons', async () => {
    const { page } = await open('manager', '/alerts', LISTS)
    expect(page.find('table.alerts tbody tr').exists()).toBe(true)
    expect(page.findAll('button.silence, button.expire')).toHaveLength(0)
  })
})
