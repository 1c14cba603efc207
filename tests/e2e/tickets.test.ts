import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { TicketSummary, TicketView } from '../../alerts/tickets/view.ts'
import { apiGet, logIn, openConsole, openFromMenu, screenshot, sessionToken, suiteBrowser, waitForData } from './helpers/browser.ts'

const ACTIVE = ['open', 'acknowledged', 'in_progress'] as const

const cardsIn = (page: Page, status: string) =>
  page.$$eval(`[data-testid="tickets-board"] .column-${status} [data-testid^="ticket-card-"]`, (cards) => cards.map((c) => c.getAttribute('data-testid')!.slice('ticket-card-'.length)).sort())

describe('on-call handles a ticket in the console', () => {
  const browser = suiteBrowser()

  it('sees the board as the API has it, acknowledges, starts and resolves the whitelist ticket with a note', async () => {
    const { page, context, problems } = await openConsole(browser())
    await logIn(page, 'oncall')
    const token = await sessionToken(page)
    await openFromMenu(page, 'tickets')

    // The board: each active column holds exactly the API's tickets of that status, each SLA in the API's colour.
    const { tickets } = await apiGet<{ tickets: TicketSummary[] }>(`/api/v1/tickets?${ACTIVE.map((s) => `status=${s}`).join('&')}&limit=1000`, token)
    expect(tickets.length).toBeGreaterThan(0)
    for (const status of ACTIVE) expect(await cardsIn(page, status), status).toEqual(tickets.filter((t) => t.status === status).map((t) => t.ticket_id).sort())
    for (const t of tickets) expect(await page.getAttribute(`[data-testid="ticket-sla-${t.ticket_id}"]`, 'data-colour'), t.ticket_id).toBe(t.sla.colour)
    await screenshot(page, 'oncall-tickets-board')

    const ticket = tickets.find((t) => t.pattern === 'ip_whitelist' && t.status === 'open')
    expect(ticket, 'an open ticket for the injected IP-whitelist fault').toBeDefined()
    const id = ticket!.ticket_id
    const status = page.locator('[data-testid="ticket-detail"] [data-testid="ticket-status"]')
    await page.click(`[data-testid="ticket-card-${id}"]`)
    await status.and(page.locator('[data-status="open"]')).waitFor()

    await page.fill('[data-testid="ticket-note"]', 'e2e: looking at the oms whitelist')
    await page.click('[data-testid="ticket-action-acknowledge"]')
    await status.and(page.locator('[data-status="acknowledged"]')).waitFor()
    await page.click('[data-testid="ticket-action-start"]')
    await status.and(page.locator('[data-status="in_progress"]')).waitFor()

    const note = 'e2e: 10.8.1.21 added to the oms whitelist, refused callbacks replayed'
    await page.fill('[data-testid="ticket-note"]', note)
    await page.fill('[data-testid="ticket-detail"] textarea[name="evidence"]', 'oms whitelist change #e2e')
    await page.click('[data-testid="ticket-action-resolve"]')
    await status.and(page.locator('[data-status="resolved"]')).waitFor()
    await page.locator(`[data-testid="tickets-board"] .column-resolved [data-testid="ticket-card-${id}"]`).waitFor()
    await waitForData(page)
    await screenshot(page, 'oncall-ticket-resolved')

    const view = await apiGet<TicketView>(`/api/v1/tickets/${encodeURIComponent(id)}`, token)
    expect(view.ticket).toMatchObject({ status: 'resolved', resolution: note })
    const mine = view.events.filter((e) => e.actor === 'oncall').map((e) => e.type)
    expect(mine).toEqual(expect.arrayContaining(['acknowledged', 'started', 'resolved']))
    expect(problems).toEqual([])
    await context.close()
  })
})
