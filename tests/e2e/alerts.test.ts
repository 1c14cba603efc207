import { describe, expect, it } from 'vitest'
import type { AlertState } from '../../alerts/engine/state.ts'
import type { Silence } from '../../alerts/engine/silences.ts'
import { apiGet, logIn, openConsole, openFromMenu, screenshot, sessionToken, suiteBrowser, waitForData } from './helpers/browser.ts'

const rowIds = (ids: string[]) => ids.map((id) => id.slice('alert-row-'.length)).sort()

describe('alerts and silences in the console, against the API', () => {
  const browser = suiteBrowser()

  it('lists the firing alerts the API has, and on-call silences the throttling alert from its row', async () => {
    const { page, context, problems } = await openConsole(browser())
    await logIn(page, 'oncall')
    await openFromMenu(page, 'alerts')
    const token = await sessionToken(page)

    const { alerts } = await apiGet<{ alerts: AlertState[] }>('/api/v1/alerts', token)
    const shown = await page.$$eval('[data-testid="alerts-firing"] [data-testid^="alert-row-"]', (rows) => rows.map((r) => r.getAttribute('data-testid')!))
    expect(rowIds(shown)).toEqual(alerts.map((a) => a.id).sort())
    expect(alerts.map((a) => a.labels.pattern)).toEqual(expect.arrayContaining(['ip_whitelist', 'throttling']))
    await screenshot(page, 'oncall-alerts-firing')

    const throttling = alerts.find((a) => a.labels.pattern === 'throttling')!
    const row = page.locator(`[data-testid="alert-row-${throttling.id}"]`)
    await row.locator('button.silence').click()
    const form = page.locator('[data-testid="silence-form"]')
    await form.locator('input[name="comment"]').fill('e2e: jd quota raise under way')
    await form.locator('button[type="submit"]').click()
    await page.locator('[data-testid="alerts-silences"] [data-testid^="silence-row-"]').first().waitFor()
    await waitForData(page)

    const { silences } = await apiGet<{ silences: Silence[] }>('/api/v1/silences', token)
    const mine = silences.filter((s) => s.comment === 'e2e: jd quota raise under way')
    expect(mine).toHaveLength(1)
    expect(mine[0]!.createdBy).toBe('oncall')
    expect(await page.locator(`[data-testid="silence-row-${mine[0]!.id}"]`).count()).toBe(1)
    // The silence matches the alert it was made from, and the row says so at once (no reload: the page's clock
    // catches up with the silence's server-side start), and the new silence is not shown as upcoming.
    for (const m of mine[0]!.matchers) expect(throttling.labels[m.name], m.name).toBe(m.value)
    expect(await row.locator('.muted').count()).toBe(1)
    expect(await page.locator(`[data-testid="silence-row-${mine[0]!.id}"].upcoming`).count()).toBe(0)
    await screenshot(page, 'oncall-alerts-silenced')
    expect(problems).toEqual([])
    await context.close()
  })
})
