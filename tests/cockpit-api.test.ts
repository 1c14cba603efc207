import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import type { AttributionResult } from '../analyzer/attribution/answers.ts'
import type { KpiSeriesAnswer, KpiSetAnswer, KpiTrendsAnswer } from '../analyzer/kpis/answers.ts'
import { KPI_ATTRIBUTION } from '../console/src/cockpit/constants.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const FROM = Date.parse('2026-11-02T00:00:00+08:00')

describe("the cockpit's API: /api/v1/kpis/trends, drill-down dimensions, attribution of the KPIs", () => {
  let app: FastifyInstance
  let store: Store
  const window = { from: new Date(FROM + 6 * HOUR).toISOString(), to: new Date(FROM + 30 * HOUR).toISOString() }
  const get = async <T>(url: string, query: Record<string, string | string[]>) => {
    const res = await app.inject({ url, query })
    return { status: res.statusCode, body: res.json() as T }
  }

  beforeAll(async () => {
    const config = testConfig()
    const run = await simulateIntoStore(config, {
      seed: 41,
      from: FROM,
      to: FROM + 32 * HOUR,
      ordersPerDay: 1500,
      faults: [{ scenario: 'queue_backlog', start: FROM + 20 * HOUR, durationMs: 4 * HOUR, intensity: 1, scope: { warehouse: 'wh-hangzhou' } }],
    })
    store = run.store
    app = await buildApp({ config, store })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('gives every KPI bucket by bucket with the same values as its own series (shared scans and single queries alike)', async () => {
    const { status, body } = await get<KpiTrendsAnswer>('/api/v1/kpis/trends', { ...window, bucket: '3h' })
    expect(status).toBe(200)
    expect(body.trends.length).toBeGreaterThanOrEqual(14)
    for (const kpi of ['call_success_rate', 'order_to_warehouse_minutes', 'status_consistency', 'delayed_orders', 'modification_audit_completeness']) {
      const trend = body.trends.find((t) => t.kpi === kpi)!
      const series = (await get<KpiSeriesAnswer>('/api/v1/kpis/series', { ...window, kpi, bucket: '3h' })).body.series[0]!.points
      expect(trend.points.map((p) => p.t)).toEqual(series.map((p) => p.t))
      trend.points.forEach((p, i) => {
        expect(p.n, `${kpi} bucket ${p.t}`).toBe(series[i]!.n)
        if (series[i]!.value === null) expect(p.value).toBeNull()
        else expect(p.value!).toBeCloseTo(series[i]!.value!, 9)
      })
    }
    // The backlog shows: some bucket of payment-to-warehouse has a value, i.e. the trend is real data, not empty axes.
    expect(body.trends.find((t) => t.kpi === 'order_to_warehouse_minutes')!.points.some((p) => p.value !== null && p.n > 0)).toBe(true)
  })

  it('answers only the KPIs asked for, in catalogue order, and refuses a bad window or too many buckets naming the field', async () => {
    const some = await get<KpiTrendsAnswer>('/api/v1/kpis/trends', { ...window, bucket: '1h', kpi: ['delayed_orders', 'call_success_rate'] })
    expect(some.body.trends.map((t) => t.kpi)).toEqual(['call_success_rate', 'delayed_orders'])
    expect(some.body.trends[0]!.points).toHaveLength(24)

    const tooMany = await get<{ message: string }>('/api/v1/kpis/trends', { from: window.from, to: new Date(FROM + 30 * 24 * HOUR).toISOString(), bucket: '1m' })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.message).toMatch(/^querystring\/bucket/)
    const backwards = await get<{ message: string }>('/api/v1/kpis/trends', { from: window.to, to: window.from })
    expect(backwards.status).toBe(400)
    expect(backwards.body.message).toMatch(/^querystring\/to/)
    const unknown = await get<{ message: string }>('/api/v1/kpis/trends', { ...window, kpi: 'no_such_kpi' })
    expect(unknown.status).toBe(400)
  })

  it('says which dimensions each KPI drills down by, matching the breakdowns it gives', async () => {
    const { body } = await get<KpiSetAnswer>('/api/v1/kpis', { ...window, dimension: 'warehouse' })
    const byId = Object.fromEntries(body.kpis.map((k) => [k.id, k]))
    expect(byId.self_service_query_success!.dimensions).toEqual(['channel'])
    expect(byId.call_success_rate!.dimensions).toContain('endpoint')
    expect(byId.order_to_warehouse_minutes!.dimensions).toEqual(['channel', 'department', 'warehouse', 'region'])
    for (const k of body.kpis) expect(k.breakdown !== undefined, k.id).toBe(k.dimensions.includes('warehouse'))
  })

  it("explains each KPI the cockpit maps to an attribution metric from the same rows: the metric's total is the KPI's value", async () => {
    expect(Object.keys(KPI_ATTRIBUTION).sort()).toEqual(['call_success_rate', 'modification_audit_completeness', 'self_service_query_success'])
    const { body } = await get<KpiSetAnswer>('/api/v1/kpis', window)
    const baseline = { baseline_from: new Date(FROM).toISOString(), baseline_to: window.from }
    for (const [kpi, metric] of Object.entries(KPI_ATTRIBUTION)) {
      const value = body.kpis.find((k) => k.id === kpi)!.value
      expect(value, kpi).not.toBeNull()
      const res = await get<AttributionResult>('/api/v1/attribution', { metric, ...window, ...baseline })
      expect(res.status, `${metric}: ${JSON.stringify(res.body)}`).toBe(200)
      expect(res.body.totals.actual, kpi).toBeCloseTo(value!, 3)
      expect(res.body.totals.actual_denominator, kpi).toBe(body.kpis.find((k) => k.id === kpi)!.n)
    }
  })
})
