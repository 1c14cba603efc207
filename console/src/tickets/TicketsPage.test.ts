import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../session.ts'
import { useSession } from '../session.ts'
import { fakeFetch, mountPage, testRouter } from '../test/harness.ts'
import TicketsPage from './TicketsPage.vue'
import type { SlaColour, TicketStatus, TicketSummary, TicketView } from './types.ts'

const summary = (id: string, status: TicketStatus, colour: SlaColour, remaining_ms: number): TicketSummary => ({
  ticket_id: id, team: 'payments', status, priority: 'P1', owner: 'li', pattern: 'payment_failure',
  created_at: '2026-11-23T06:00:00.000Z', deadline: '2026-11-23T08:00:00.000Z',
  sla: { deadline: '2026-11-23T08:00:00.000Z', remaining_ms, colour, overdue: remaining_ms < 0, stopped: false },
})

const BOARD = { tickets: [summary('TK-1', 'open', 'red', -600_000), summary('TK-2', 'acknowledged', 'yellow', 1_800_000), summary('TK-3', 'in_progress', 'green', 5_400_000)] }

const VIEW: TicketView = {
  ticket: { ticket_id: 'TK-3', title: 'Payment callbacks failing', status: 'in_progress', priority: 'P1', team: 'payments', owner: 'li', pattern: 'payment_failure', summary: '', fix: '', deadline: '2026-11-23T08:00:00.000Z', resolution: '', resolution_evidence: [] },
  events: [{ event_id: 'e1', seq: 1, at: '2026-11-23T06:00:00.000Z', actor: 'alert-engine', type: 'created', before: {}, after: { status: 'open' }, note: '' },
    { event_id: 'e2', seq: 2, at: '2026-11-23T06:05:00.000Z', actor: 'li', type: 'reassigned', before: { owner: '' }, after: { owner: 'li' }, note: 'mine' }],
  sla: BOARD.tickets[2]!.sla,
  playbook: { key: 'payment_*', title: 'Payment failures', steps: ['Check the gateway status page'] },
  similar: [{ ticket_id: 'TK-0', title: 'Callbacks failing', same_pattern: true, shared_scope: [], resolved_at: '2026-11-20T00:00:00.000Z', resolution: 'Rotated the callback secret' }],
}

async function open(role: Role, path: string, ...answers: { status: number; body: unknown }[]) {
  const fetch = fakeFetch(...answers)
  vi.stubGlobal('fetch', fetch.fn)
  useSession().start('ey.token', { name: 'li', role })
  const page = mountPage(TicketsPage, await testRouter(path))
  await flushPromises()
  return { page, fetch }
}

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('TicketsPage', () => {
  it('puts each ticket in its status column with its SLA countdown in the colour the API gave', async () => {
    const { page, fetch } = await open('oncall', '/tickets', { status: 200, body: BOARD })
    expect(fetch.urls).toEqual(['/api/v1/tickets'])
    const sla = (id: string) => page.find(`[data-ticket=${id}] .sla`)
    expect(sla('TK-1').classes()).toContain('sla-red')
    expect(sla('TK-1').text()).toBe('-10m')
    expect(sla('TK-2').classes()).toContain('sla-yellow')
    expect(sla('TK-3').classes()).toContain('sla-green')
    expect(sla('TK-3').text()).toBe('1h 30m')
    expect(page.find('.column-in_progress').text()).toContain('TK-3')
    expect(page.find('.column-open').text()).not.toContain('TK-3')
  })

  it('shows a manager the history, playbook and similar tickets but no change buttons', async () => {
    const { page, fetch } = await open('manager', '/tickets?ticket=TK-3', { status: 200, body: BOARD }, { status: 200, body: VIEW })
    expect(fetch.urls).toContain('/api/v1/tickets/TK-3')
    expect(page.findAll('.history tbody tr')).toHaveLength(2)
    expect(page.find('.history').text()).toContain('owner: li')
    expect(page.find('.playbook').text()).toContain('Check the gateway status page')
    expect(page.find('.similar').text()).toContain('Rotated the callback secret')
    expect(page.findAll('.ticket-actions button')).toHaveLength(0)
  })

  it('lets an SRE comment but not change the ticket', async () => {
    const { page } = await open('sre', '/tickets?ticket=TK-3', { status: 200, body: BOARD }, { status: 200, body: VIEW })
    expect(page.findAll('.ticket-actions button').map((b) => b.classes()[0])).toEqual(['act-comment'])
  })

  it("posts resolve with the note and shows the API's refusal when evidence is missing", async () => {
    const refusal = { statusCode: 400, error: 'Bad Request', message: 'body/evidence must NOT have fewer than 1 items' }
    const { page, fetch } = await open('oncall', '/tickets?ticket=TK-3', { status: 200, body: BOARD }, { status: 200, body: VIEW }, { status: 400, body: refusal })
    await page.find('textarea[name=note]').setValue('Rotated the secret')
    await page.find('button.act-resolve').trigger('click')
    await flushPromises()
    expect(fetch.urls.at(-1)).toBe('/api/v1/tickets/TK-3/resolve')
    expect(page.find('.refusal').text()).toBe(refusal.message)
    // The note stays so the user only has to add the evidence.
    expect((page.find('textarea[name=note]').element as HTMLTextAreaElement).value).toBe('Rotated the secret')
  })
})
