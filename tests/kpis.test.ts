import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import { kpiStatus, loadKpiCatalogue } from '../analyzer/kpis/catalogue.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const FROM = Date.parse('2026-11-02T00:00:00+08:00')

describe('KPI thresholds', () => {
  const catalogue = loadKpiCatalogue()
  const byId = (id: string) => catalogue.find((k) => k.id === id)!

  it("carries domain.md's benchmark table as defaults", () => {
    expect(byId('pickup_within_4h')).toMatchObject({ healthy: 0.92, warning: 0.85, direction: 'higher', name: { zh: '已揽收时效达标率' } })
    expect(byId('status_consistency')).toMatchObject({ healthy: 0.9995, warning: 0.998 })
    expect(byId('self_service_query_success')).toMatchObject({ healthy: 0.9, warning: 0.82 })
    expect(byId('modification_audit_completeness')).toMatchObject({ healthy: 1, warning: 1 })
  })

  it('colours a value healthy, warning or critical, in either direction', () => {
    expect(kpiStatus(byId('pickup_within_4h'), 0.95)).toBe('healthy')
    expect(kpiStatus(byId('pickup_within_4h'), 0.9)).toBe('warning')
    expect(kpiStatus(byId('pickup_within_4h'), 0.8)).toBe('critical')
    expect(kpiStatus(byId('push_delay_minutes'), 5)).toBe('healthy')
    expect(kpiStatus(byId('push_delay_minutes'), 15)).toBe('warning')
    expect(kpiStatus(byId('push_delay_minutes'), 30)).toBe('critical')
    expect(kpiStatus(byId('modification_audit_completeness'), 0.99)).toBe('critical')
    expect(kpiStatus(byId('pickup_within_4h'), null)).toBe('no_data')
  })
})

describe('GET /api/v1/kpis on a simulated company', () => {
  let app: FastifyInstance
  let store: Store
  const day = (n: number) => ({ from: new Date(FROM + n * DAY).toISOString(), to: new Date(FROM + (n + 1) * DAY).toISOString() })
  const kpis = async (query: Record<string, string>) => (await app.inject({ url: '/api/v1/kpis', query })).json()

  beforeAll(async () => {
    const config = testConfig()
    // Day 0 healthy; on day 1 the Hangzhou WMS is kept off the OMS whitelist for six hours and its push queue backs up.
    const run = await simulateIntoStore(config, {
      seed: 33,
      from: FROM,
      to: FROM + 2 * DAY + 12 * HOUR,
      ordersPerDay: 2500,
      faults: [
        { scenario: 'ip_whitelist', start: FROM + DAY + 9 * HOUR, durationMs: 6 * HOUR, intensity: 1, scope: { client_ip: '10.8.1.21' } },
        { scenario: 'queue_backlog', start: FROM + DAY + 10 * HOUR, durationMs: 4 * HOUR, intensity: 1, scope: { warehouse: 'wh-hangzhou' } },
      ],
    })
    store = run.store
    app = await buildApp({ config, store })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await store.close()
  })

  it('shows a healthy baseline day', async () => {
    const body = await kpis(day(0))
    const status = Object.fromEntries(body.kpis.map((k: { id: string; status: string }) => [k.id, k.status]))
    expect(status).toMatchObject({ status_consistency: 'healthy', pickup_within_4h: 'healthy', self_service_query_success: 'healthy', push_delay_minutes: 'healthy', call_success_rate: 'healthy' })
  })

  it('shows the incident day falling against its thresholds and against the day before', async () => {
    const body = await kpis(day(1))
    const k = Object.fromEntries(body.kpis.map((x: { id: string }) => [x.id, x]))
    expect(body.previous).toEqual(day(0))
    expect(k.status_consistency.status).toBe('critical')
    expect(k.status_consistency.change).toBeLessThan(0)
    expect(k.push_delay_minutes.value).toBeGreaterThan(k.push_delay_minutes.previous * 2)
    expect(k.call_success_rate.value).toBeLessThan(k.call_success_rate.previous)
  })

  it('drills down to the warehouse that explains it', async () => {
    const body = await kpis({ ...day(1), dimension: 'warehouse', kpi: 'status_consistency' })
    const breakdown = body.kpis[0].breakdown as { key: string; value: number; status: string }[]
    const worst = [...breakdown].sort((a, b) => a.value - b.value)[0]!
    expect(worst.key).toBe('wh-hangzhou')
    expect(breakdown.filter((b) => b.key !== 'wh-hangzhou').every((b) => b.value > worst.value)).toBe(true)
    const calls = await kpis({ ...day(1), dimension: 'endpoint', kpi: 'call_success_rate' })
    const byEndpoint = calls.kpis[0].breakdown as { key: string; value: number }[]
    expect([...byEndpoint].sort((a, b) => a.value - b.value)[0]!.key).toBe('/callback/shipment')
  })

  it('validates its query like the ingest routes do', async () => {
    const missing = await app.inject({ url: '/api/v1/kpis', query: { from: day(0).from } })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toMatch(/to/)
    const badDim = await app.inject({ url: '/api/v1/kpis', query: { ...day(0), dimension: 'colour' } })
    expect(badDim.statusCode).toBe(400)
    const backwards = await app.inject({ url: '/api/v1/kpis', query: { from: day(1).from, to: day(0).from } })
    expect(backwards.statusCode).toBe(400)
  })
})
