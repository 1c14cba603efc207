import { describe, expect, it } from 'vitest'
import type { AttributionResult } from '../../analyzer/attribution/answers.ts'
import type { KpiSetAnswer, KpiUnit } from '../../analyzer/kpis/answers.ts'
import type { ConsistencyReport } from '../../analyzer/report/answers.ts'
import { apiGet, capturedAnswer, capturedRequests, chartInk, logIn, openConsole, screenshot, sessionToken, shownNumber, suiteBrowser, waitForData } from './helpers/browser.ts'
import { e2eContext } from './helpers/context.ts'

const SIX_HOURS = 6 * 3_600_000
const spanOf = (url: URL) => Date.parse(url.searchParams.get('to') ?? '') - Date.parse(url.searchParams.get('from') ?? '')

/** How far a value shown in its unit's format (2 decimals in %, 1 in minutes, whole ms and counts) may be from the API's. */
const ROUNDING: Record<KpiUnit, number> = { ratio: 0.00005, minutes: 0.05, ms: 0.5, count: 0.5 }

describe('the efficiency cockpit in the console, against the API', () => {
  const browser = suiteBrowser()

  it("shows the manager every KPI's value as the API has it, trends and drill-down drawn, the call-success drop attributed to the refused endpoint, and the consistency report", async () => {
    const { page, context, problems } = await openConsole(browser())
    await logIn(page, 'manager')
    await waitForData(page)
    // Six hours: the simulation holds a full previous period to compare with, and the fault's hour is in it.
    // The cards are compared with the answer the page got: the latency percentiles are t-digest estimates, which a second request may put a fraction of a millisecond apart.
    const kpis = await capturedAnswer<KpiSetAnswer>(
      page,
      '/api/v1/kpis',
      () => page.goto(`${e2eContext().baseUrl}/cockpit?range=6h`),
      // The cards' six-hour request (with their sparklines and the drill-down), not a late one of the page the log-in landed on.
      (url) => url.searchParams.has('trend') && spanOf(url) === SIX_HOURS,
    )
    await waitForData(page)
    const token = await sessionToken(page)
    // The report opens on the last whole China day, before the simulated hours may begin: pick today's, as a manager would.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    expect(await page.inputValue('[data-testid="consistency-date"]')).toBe(new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10))
    await page.fill('[data-testid="consistency-date"]', today)
    await page.waitForURL((url) => url.searchParams.get('date') === today)
    await waitForData(page)
    const day = await page.inputValue('[data-testid="consistency-date"]')
    const report = await apiGet<ConsistencyReport>(`/api/v1/reports/consistency?date=${day}`, token)
    // The same question asked with the manager's token gets the same KPIs and statuses. (Not always the same samples:
    // pickup_within_4h counts an order once its four hours are over by the clock, so its n can grow between two asks.)
    const again = await apiGet<KpiSetAnswer>(`/api/v1/kpis?from=${encodeURIComponent(kpis.from)}&to=${encodeURIComponent(kpis.to)}`, token)
    expect(again.kpis.map((k) => [k.id, k.status])).toEqual(kpis.kpis.map((k) => [k.id, k.status]))

    for (const kpi of kpis.kpis) {
      const shown = shownNumber((await page.textContent(`[data-testid="kpi-value-${kpi.id}"]`))!)
      if (kpi.value === null) expect(shown, kpi.id).toBeNull()
      else expect(Math.abs(shown! - kpi.value), `${kpi.id}: shown ${shown}, API ${kpi.value}`).toBeLessThanOrEqual(ROUNDING[kpi.unit] + 1e-9)
      expect(await page.getAttribute(`[data-testid="kpi-card-${kpi.id}"]`, 'class'), kpi.id).toContain(`status-${kpi.status}`)
    }
    const callSuccess = kpis.kpis.find((k) => k.id === 'call_success_rate')!
    expect(callSuccess.change, 'the whitelist hour pulls call success below the previous six hours').toBeLessThan(0)
    // Each sparkline draws the points the API gave the card (an SVG path per run of points).
    for (const kpi of kpis.kpis.filter((k) => k.points?.some((p) => p.value !== null))) {
      expect(await page.getAttribute(`[data-testid="chart-trend-${kpi.id}"] .sparkline`, 'data-points'), `${kpi.id} sparkline`).toBe(String(kpi.points!.filter((p) => p.value !== null).length))
    }
    expect(await page.locator('[data-testid="chart-trend-call_success_rate"] path.run').count(), 'call-success trend drawn').toBeGreaterThan(0)
    expect((await chartInk(page, '[data-testid="chart-drilldown"]')).coloured, 'drill-down bars drawn').toBeGreaterThan(1000)
    expect((await chartInk(page, '[data-testid="chart-drilldown-series"]')).coloured, "drill-down lines drawn from the breakdown's points").toBeGreaterThan(100)
    // Every simulated order has its channel: each drill-down row names one (an order's channel must come from its facts, never from a blank).
    const drillKeys = await page.$$eval('[data-testid^="drilldown-row-"]', (trs) => trs.map((tr) => tr.getAttribute('data-testid')!.slice('drilldown-row-'.length)))
    expect(drillKeys.length).toBeGreaterThan(1)
    expect(drillKeys).not.toContain('')
    // The drill-down came with the cards, by the dimension they were asked with: its rows are the shown KPI's breakdown there.
    expect(kpis.dimension).toBe(await page.inputValue('[data-testid="drilldown-dimension"]'))
    const drilledId = await page.inputValue('[data-testid="drilldown-kpi"]')
    const drilled = kpis.kpis.find((k) => k.id === drilledId)!
    expect(drillKeys).toEqual(drilled.breakdown!.map((v) => v.key))

    const rows = await page.$$eval('[data-testid="cockpit-consistency"] tr[data-testid^="consistency-row-"]', (trs) => trs.map((tr) => tr.getAttribute('data-testid')!.slice('consistency-row-'.length)))
    expect(rows.sort()).toEqual([...report.channels.map((c) => c.channel), 'all'].sort())
    const totalOrders = await page.textContent('[data-testid="consistency-row-all"] td:nth-child(2)')
    expect(shownNumber(totalOrders!)).toBe(report.total.channel_orders)

    // Against the previous six hours: the simulation holds no earlier days for the default baseline (the same window on the previous days).
    await page.click('[data-testid="kpi-card-call_success_rate"] .explain')
    const explained = await capturedRequests(
      page,
      ['/api/v1/attribution'] as const,
      () => page.selectOption('[data-testid="attribution-baseline"]', 'previous'),
      (url) => url.searchParams.get('metric') !== null && url.searchParams.has('baseline_from'),
    )
    await waitForData(page)
    const attribution = await apiGet<AttributionResult>(explained['/api/v1/attribution'], token)
    expect(attribution.root_causes.length).toBeGreaterThan(0)
    const first = await page.textContent('[data-testid="attribution-cause-1"] .scope')
    for (const value of Object.values(attribution.root_causes[0]!.scope)) expect(first).toContain(value)
    expect(Object.values(attribution.root_causes[0]!.scope).join(' ')).toMatch(/10\.8\.1\.21|\/callback\/shipment/)
    expect((await chartInk(page, '[data-testid="chart-attribution"]')).coloured, 'attribution bars drawn').toBeGreaterThan(300)
    await screenshot(page, 'manager-cockpit-6h')
    expect(problems).toEqual([])
    await context.close()
  })
})
