import { describe, expect, it } from 'vitest'
import type { OrderTrace } from '../../analyzer/trace/answer.ts'
import { apiGet, chartInk, logIn, openConsole, openFromMenu, screenshot, sessionToken, suiteBrowser, waitForData } from './helpers/browser.ts'
import { e2eContext } from './helpers/context.ts'

describe('tracing an order in the console', () => {
  const browser = suiteBrowser()

  it('finds an order the whitelist fault hit by its channel order number and shows its journey across systems', async () => {
    const { page, context, problems } = await openConsole(browser())
    await logIn(page, 'manager')
    const token = await sessionToken(page)
    // An order the refused shipment callback left behind long enough for the systems' disagreement to count.
    let chosen: OrderTrace | undefined
    for (const id of e2eContext().faultOrderIds) {
      chosen = await apiGet<OrderTrace>(`/api/v1/orders/${id}/trace`, token)
      if (chosen.disagreements.length > 0) break
    }
    expect(chosen?.disagreements.length, 'a whitelist-hit order whose systems disagree').toBeGreaterThan(0)
    const channelOrderNo = chosen!.events[0]!.channel_order_no
    expect(channelOrderNo).toMatch(/\w{6,}/)

    await openFromMenu(page, 'trace')
    await page.fill('[data-testid="trace-key"]', channelOrderNo)
    await page.press('[data-testid="trace-key"]', 'Enter')
    await page.waitForURL((url) => url.searchParams.get('key') === channelOrderNo)
    await waitForData(page)

    const trace = await apiGet<OrderTrace>(`/api/v1/orders/${encodeURIComponent(channelOrderNo)}/trace`, token)
    expect(trace.order_ids).toEqual(chosen!.order_ids)
    // Every system's latest state as the API has it, the lagging ones flagged.
    const shown = await page.$$eval('[data-testid="trace-systems"] [data-testid^="trace-state-"]', (items) =>
      items.map((li) => ({ system: li.getAttribute('data-testid')!.slice('trace-state-'.length), state: li.getAttribute('data-state'), lagging: li.classList.contains('lagging') })),
    )
    expect(Object.fromEntries(shown.map((s) => [s.system, s.state]))).toEqual(Object.fromEntries(Object.entries(trace.systems).map(([system, s]) => [system, s.state])))
    expect(shown.filter((s) => s.lagging).map((s) => s.system).sort()).toEqual([...trace.lagging].sort())
    // The refused shipment callback leaves OMS behind WMS: a disagreement the page must point out.
    expect(trace.lagging.length).toBeGreaterThan(0)
    expect(await page.locator('[data-testid="trace-disagreements"] li').count()).toBe(trace.disagreements.length)

    expect(await page.locator('[data-testid="trace-journey"] tbody tr').count()).toBe(trace.events.length)
    expect((await chartInk(page, '[data-testid="chart-trace"]')).coloured, 'timeline drawn').toBeGreaterThan(1000)
    await screenshot(page, 'manager-trace-order')
    await page.click('[data-testid="language-zh-CN"]')
    await waitForData(page)
    await screenshot(page, 'manager-trace-order-zh-CN')
    expect(problems).toEqual([])
    await context.close()
  })
})
