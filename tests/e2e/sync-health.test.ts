import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { EndpointsAnswer, ErrorsAnswer, HeatmapAnswer, JobsAnswer } from '../../analyzer/sync/types.ts'
import { apiGet, capturedRequests, chartInk, logIn, openConsole, screenshot, sessionToken, shownNumber, suiteBrowser, waitForData } from './helpers/browser.ts'

const PATHS = ['/api/v1/sync/endpoints', '/api/v1/sync/errors', '/api/v1/sync/heatmap', '/api/v1/sync/jobs', '/api/v1/findings'] as const
/** The endpoint the injected IP-whitelist fault refuses (the console's row id: source-target-endpoint). */
const REFUSED = 'wms-oms-/callback/shipment'

/** Every element whose test id starts with `prefix`, as id suffix → text. */
const shownBy = (page: Page, prefix: string) =>
  page.$$eval(`[data-testid^="${prefix}"]`, (els, p) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')!.slice(p.length), e.textContent!.trim()])), prefix)

/** A rate shown with two decimals in % is the API's rate to within rounding. */
const sameRate = (shown: string, rate: number | null) => (rate === null ? shownNumber(shown) === null : Math.abs(shownNumber(shown)! - rate) <= 0.00005 + 1e-9)

describe('sync health in the console, against the API', () => {
  const browser = suiteBrowser()

  it("shows the SRE each endpoint's and system's success, error reasons, the heat map's hottest cell, jobs and findings as the API answers them, with every chart drawn", async () => {
    const { page, context, problems } = await openConsole(browser())
    const asked = await capturedRequests(page, PATHS, () => logIn(page, 'sre'))
    expect(new URL(page.url()).pathname).toBe('/sync-health')
    await waitForData(page)
    const token = await sessionToken(page)
    const [endpoints, errors, heatmap, jobs, findings] = await Promise.all([
      apiGet<EndpointsAnswer>(asked['/api/v1/sync/endpoints'], token),
      apiGet<ErrorsAnswer>(asked['/api/v1/sync/errors'], token),
      apiGet<HeatmapAnswer>(asked['/api/v1/sync/heatmap'], token),
      apiGet<JobsAnswer>(asked['/api/v1/sync/jobs'], token),
      apiGet<{ findings: { finding_id: string; pattern: string }[] }>(asked['/api/v1/findings'], token),
    ])

    const endpointRates = await shownBy(page, 'endpoint-success-')
    expect(Object.keys(endpointRates).length).toBeGreaterThan(0)
    for (const [id, text] of Object.entries(endpointRates)) {
      const api = endpoints.endpoints.find((e) => `${e.source_system}-${e.target_system}-${e.endpoint}` === id)
      expect(api, id).toBeDefined()
      expect(sameRate(text, api!.success_rate), `${id}: shown ${text}, API ${api!.success_rate}`).toBe(true)
    }
    // The refused endpoint is shown under its warning line (98 %). How far under depends on the hour the suite runs:
    // the fault's two hours are of the simulated day's last, busy in China's afternoon, quiet at its night (90.07 % seen).
    expect(shownNumber(endpointRates[REFUSED]!)).toBeLessThan(0.98)

    const systemRates = await shownBy(page, 'system-success-')
    expect(Object.keys(systemRates).sort()).toEqual(endpoints.systems.map((s) => s.system).sort())
    for (const s of endpoints.systems) expect(sameRate(systemRates[s.system]!, s.success_rate), s.system).toBe(true)

    const errorCalls = await shownBy(page, 'error-calls-')
    for (const r of errors.reasons) expect(shownNumber(errorCalls[r.error_code || r.status_class]!), r.error_code).toBe(r.calls)
    expect(errors.reasons[0]!.error_code).toBe('IP_NOT_IN_WHITELIST')

    const hottest = heatmap.cells.reduce((a, b) => (b.failures > a.failures ? b : a))
    expect(Number(await page.getAttribute('[data-testid="heatmap-hottest"]', 'data-failures'))).toBe(hottest.failures)
    expect(heatmap.rows[hottest.row]!.endpoint).toBe('/callback/shipment')
    expect(heatmap.columns[hottest.col]!.key).toBe('10.8.1.21')

    const streaks = await shownBy(page, 'job-consecutive-')
    expect(Object.keys(streaks).sort()).toEqual(jobs.jobs.map((j) => j.job).sort())
    for (const j of jobs.jobs) expect(streaks[j.job], j.job).toBe(`${j.consecutive_successes.toLocaleString('en-US')}${j.consecutive_capped ? '+' : ''}`)

    const findingRows = await page.$$eval('[data-testid="sync-findings"] tr[data-testid^="finding-"]', (rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('finding-'.length)).sort())
    expect(findingRows).toEqual(findings.findings.map((f) => f.finding_id).sort())
    expect(findings.findings.map((f) => f.pattern)).toEqual(expect.arrayContaining(['ip_whitelist', 'throttling']))

    for (const chart of ['call-success', 'errors', 'heatmap', 'queues']) {
      expect((await chartInk(page, `[data-testid="chart-${chart}"]`)).coloured, `chart-${chart} drawn`).toBeGreaterThan(300)
    }
    await screenshot(page, 'sre-sync-health-data')
    expect(problems).toEqual([])
    await context.close()
  })
})
