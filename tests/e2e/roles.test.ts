import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { chartInk, logIn, menuOf, openConsole, openFromMenu, screenshot, suiteBrowser, waitForData } from './helpers/browser.ts'
import { e2eContext, ROLES, type Role } from './helpers/context.ts'

/** domain.md's split: SREs watch sync health, managers read the cockpit, on-call handles alerts and tickets, anyone traces. */
const PAGES: Record<Role, string[]> = {
  sre: ['sync-health', 'cockpit', 'trace', 'tickets', 'alerts'],
  manager: ['cockpit', 'trace', 'tickets', 'alerts'],
  oncall: ['sync-health', 'trace', 'tickets', 'alerts'],
  admin: ['sync-health', 'cockpit', 'trace', 'tickets', 'alerts'],
}
const ALL_PAGES = PAGES.admin
/** Pages whose charts must show the simulated data. */
const CHART_PAGES = new Set(['sync-health', 'cockpit'])

/** What a role may do to an open ticket, and only that, is offered (the API's rule: on-call and admin change tickets, SREs comment). */
const TICKET_ACTIONS: Record<Role, string[]> = {
  sre: ['comment'],
  manager: [],
  oncall: ['acknowledge', 'comment', 'reassign'],
  admin: ['acknowledge', 'comment', 'reassign'],
}
const SILENCERS = new Set<Role>(['sre', 'oncall', 'admin'])

/** Opens the first open ticket and lists the actions its detail panel offers. */
async function ticketActionsOffered(page: Page): Promise<string[]> {
  await page.click('[data-testid="tickets-board"] .column-open [data-testid^="ticket-card-"]')
  await page.locator('[data-testid="ticket-detail"] [data-testid="ticket-status"]').waitFor()
  await waitForData(page)
  return page.$$eval('[data-testid="ticket-detail"] [data-testid^="ticket-action-"]', (buttons) => buttons.map((b) => b.getAttribute('data-testid')!.slice('ticket-action-'.length)).sort())
}

describe('each role in the console', () => {
  const browser = suiteBrowser()

  it.each(ROLES)('%s logs in, sees only its pages, each with its data, is offered only the ticket and alert actions it may take, and is sent home from the others', async (role) => {
    const { page, context, problems } = await openConsole(browser())
    await logIn(page, role, `${role}-login`)
    expect(new URL(page.url()).pathname).toBe(`/${PAGES[role][0]}`)

    expect((await menuOf(page)).map((m) => m.name)).toEqual(PAGES[role])

    for (const name of PAGES[role]) {
      await openFromMenu(page, name)
      expect(await page.locator('.state-error').count(), `${role} on ${name}: an error panel`).toBe(0)
      if (name === 'tickets') expect(await ticketActionsOffered(page), `${role}: ticket actions`).toEqual(TICKET_ACTIONS[role])
      if (name === 'alerts') expect((await page.locator('[data-testid="alerts-firing"] button.silence').count()) > 0, `${role}: silence offered`).toBe(SILENCERS.has(role))
      if (CHART_PAGES.has(name)) expect((await chartInk(page, '[data-testid^="chart-"]')).coloured, `${role}: ${name} chart drawn`).toBeGreaterThan(500)
      await screenshot(page, `${role}-${name}`)
    }

    for (const name of ALL_PAGES.filter((p) => !PAGES[role].includes(p))) {
      await page.goto(`${e2eContext().baseUrl}/${name}`)
      await page.waitForURL((url) => url.pathname === `/${PAGES[role][0]}`)
    }
    expect(problems).toEqual([])
    await context.close()
  })
})
