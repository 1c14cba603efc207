import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import type { KpiSeriesAnswer, KpiSetAnswer, KpiTrendsAnswer } from '../analyzer/kpis/answers.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const FROM = Date.parse('2026-11-02T00:00:00+08:00')

describe('GET /api/v1/kpis/trends and the drill-down dimensions of /api/v1/kpis', () => {
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
})
