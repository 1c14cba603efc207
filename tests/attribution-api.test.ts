import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIM_FROM, TEST_SCENARIOS, scopeMatcher } from '../bench/attribution/scenarios.ts'
import { testConfig } from './helpers/config.ts'
import { startTestApp, type TestApp } from './helpers/app.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('GET /api/v1/attribution on simulated faults', () => {
  let t: TestApp
  const get = async (query: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/attribution', query })
    return { status: res.statusCode, body: res.json() }
  }

  beforeAll(async () => {
    // Two days of a small company: day 1 is the baseline, the faults fall on day 2.
    const config = testConfig()
    const { store } = await simulateIntoStore(config, { seed: 21, from: SIM_FROM, to: SIM_FROM + 2 * DAY, ordersPerDay: 4000, faults: TEST_SCENARIOS.map((s) => s.fault) })
    t = await startTestApp(config, store)
  })
  afterAll(async () => {
    await t?.close()
  })

  for (const { fault, metric } of TEST_SCENARIOS) {
    it(`${fault.scenario} on ${JSON.stringify(fault.scope)}: ${metric} is blamed on the fault's scope`, async () => {
      const from = fault.start
      const to = fault.start + fault.durationMs
      const { status, body } = await get({ metric, from: iso(from), to: iso(to) })
      expect(status).toBe(200)
      expect(body.baseline).toMatchObject({ method: 'median_of_previous_days', windows_with_data: 1 })
      expect(body.totals.actual).toBeGreaterThan(body.totals.expected)
      const isFault = await scopeMatcher(t.store, metric, from, to, fault.scope)
      expect(body.root_causes.length, JSON.stringify(body.root_causes)).toBeGreaterThanOrEqual(1)
      expect(isFault(body.root_causes[0].scope), JSON.stringify(body.root_causes)).toBe(true)
      // The fault explains most of the deviation, and nothing else is blamed for a large share.
      expect(body.root_causes[0].share).toBeGreaterThan(0.6)
      expect(body.root_causes[0].z).toBeGreaterThan(3)
      for (const other of body.root_causes.slice(1)) expect(other.share).toBeLessThan(0.2)
    })
  }

  it('ratio metric: the success rate during throttling is blamed on jd_api, with the rates of the cause', async () => {
    const { fault } = TEST_SCENARIOS.find((s) => s.fault.scenario === 'throttling')!
    const { body } = await get({ metric: 'call_success_rate', from: iso(fault.start), to: iso(fault.start + fault.durationMs) })
    expect(body.kind).toBe('ratio')
    expect(body.root_causes[0].scope).toEqual({ target_system: 'jd_api' })
    expect(body.root_causes[0].actual).toBeLessThan(body.root_causes[0].expected)
    expect(body.root_causes[0].actual_denominator).toBeGreaterThan(0)
    expect(body.totals.actual).toBeLessThan(body.totals.expected)
  })

  it('hours without a fault blame nothing: what RiskLoc finds in the noise is left out as insignificant', async () => {
    let insignificant = 0
    for (const hour of [3, 16]) {
      const from = SIM_FROM + DAY + hour * 3_600_000
      for (const metric of ['orders', 'call_failures', 'call_success_rate']) {
        const { status, body } = await get({ metric, from: iso(from), to: iso(from + 3_600_000) })
        expect(status).toBe(200)
        expect(body.root_causes, `${metric} at ${hour}:00`).toEqual([])
        insignificant += body.insignificant_causes
      }
    }
    // The filter is what keeps them quiet (without it, noise would be blamed).
    expect(insignificant).toBeGreaterThan(0)
  })

  it('an explicit baseline window is scaled to the period', async () => {
    const from = SIM_FROM + DAY + 20 * 3_600_000
    const { body } = await get({ metric: 'orders', from: iso(from), to: iso(from + 3_600_000), baseline_from: iso(from - DAY), baseline_to: iso(from - DAY + 2 * 3_600_000), dims: 'channel' })
    expect(body.baseline.method).toBe('window')
    expect(body.dimensions).toEqual(['channel'])
    const twoHours = await get({ metric: 'orders', from: iso(from - DAY), to: iso(from - DAY + 2 * 3_600_000), baseline_from: iso(from - DAY), baseline_to: iso(from - DAY + 2 * 3_600_000) })
    expect(body.totals.expected).toBeCloseTo(twoHours.body.totals.actual / 2, 5)
  })

  it('rejects bad querystrings naming the field', async () => {
    const unknown = await get({ metric: 'revenue', from: iso(SIM_FROM), to: iso(SIM_FROM + DAY) })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toMatch(/querystring\/metric must be one of: orders, calls, call_failures, call_success_rate/)
    const backwards = await get({ metric: 'orders', from: iso(SIM_FROM + DAY), to: iso(SIM_FROM) })
    expect(backwards.status).toBe(400)
    expect(backwards.body.message).toMatch(/querystring\/to must be after querystring\/from/)
    const dims = await get({ metric: 'orders', from: iso(SIM_FROM), to: iso(SIM_FROM + DAY), dims: 'channel,client_ip' })
    expect(dims.status).toBe(400)
    expect(dims.body.message).toMatch(/'client_ip' is not a dimension of orders; allowed: channel, warehouse, region, department/)
    const half = await get({ metric: 'orders', from: iso(SIM_FROM), to: iso(SIM_FROM + DAY), baseline_from: iso(SIM_FROM - DAY) })
    expect(half.status).toBe(400)
    expect(half.body.message).toMatch(/baseline_from and querystring\/baseline_to/)
    const missing = await get({ from: iso(SIM_FROM), to: iso(SIM_FROM + DAY) })
    expect(missing.status).toBe(400)
    expect(missing.body.message).toMatch(/metric/)
  })

  it('is in the OpenAPI document under the analyzer tag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    const op = res.json().paths['/api/v1/attribution'].get
    expect(op.tags).toEqual(['analyzer'])
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['metric', 'from', 'to', 'baseline_from', 'baseline_to', 'dims']))
  })
})
