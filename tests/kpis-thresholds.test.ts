import { describe, expect, it } from 'vitest'
import { kpiStatus, loadKpiCatalogue, withThresholds } from '../analyzer/kpis/catalogue.ts'
import { ConfigError, loadConfig } from '../core/config/index.ts'
import { openStore } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'

const catalogue = loadKpiCatalogue()
const byId = (defs: typeof catalogue, id: string) => defs.find((k) => k.id === id)!

describe('KPI catalogue: the issue-4 KPIs and per-company thresholds', () => {
  it('defines every KPI once, with both names, a unit and ordered thresholds', () => {
    const ids = catalogue.map((k) => k.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ['delayed_orders', 'exception_ratio', 'call_latency_p50_ms', 'call_latency_p95_ms', 'call_latency_p99_ms', 'attribution_accuracy']) expect(ids).toContain(id)
    for (const k of catalogue) {
      expect(k.name.zh.length).toBeGreaterThan(0)
      expect(k.direction === 'higher' ? k.healthy >= k.warning : k.healthy <= k.warning).toBe(true)
    }
    expect(byId(catalogue, 'attribution_accuracy')).toMatchObject({ healthy: 0.88, warning: 0.75, direction: 'higher', name: { zh: '异常自动归因准确率' } })
    expect(byId(catalogue, 'exception_ratio')).toMatchObject({ healthy: 0.02, direction: 'lower' })
  })

  it('lays a company override over the default and judges by it', () => {
    const defs = withThresholds(catalogue, { exception_ratio: { healthy: 0.04 }, pickup_within_4h: { healthy: 0.95, warning: 0.9 } })
    expect(byId(defs, 'exception_ratio')).toMatchObject({ healthy: 0.04, warning: 0.05 })
    expect(kpiStatus(byId(catalogue, 'pickup_within_4h'), 0.93)).toBe('healthy')
    expect(kpiStatus(byId(defs, 'pickup_within_4h'), 0.93)).toBe('warning')
    expect(byId(defs, 'status_consistency')).toEqual(byId(catalogue, 'status_consistency'))
  })

  it('rejects an unknown KPI id or thresholds in the wrong order, naming kpis.<id>', () => {
    expect(() => withThresholds(catalogue, { pickup_in_4h: { healthy: 0.9 } })).toThrow(/kpis\.pickup_in_4h: unknown KPI/)
    expect(() => withThresholds(catalogue, { pickup_within_4h: { healthy: 0.8 } })).toThrow(/kpis\.pickup_within_4h: healthy \(0\.8\) must be at or above warning \(0\.85\)/)
    expect(() => withThresholds(catalogue, { delayed_orders: { warning: 10 } })).toThrow(/kpis\.delayed_orders: healthy \(20\) must be at or below warning \(10\)/)
  })

  it('takes a kpis section in the configuration and rejects a malformed one', () => {
    const config = loadConfig({ env: {}, overrides: { kpis: { exception_ratio: { healthy: 0.04, warning: 0.08 } } } })
    expect(config.kpis.exception_ratio).toEqual({ healthy: 0.04, warning: 0.08 })
    expect(loadConfig({ env: {} }).kpis).toEqual({})
    expect(() => loadConfig({ env: {}, overrides: { kpis: { exception_ratio: { healthy: 'low' } } } as never })).toThrow(ConfigError)
    expect(() => loadConfig({ env: {}, overrides: { kpis: { exception_ratio: { healthy: 'low' } } } as never })).toThrow(/kpis\/exception_ratio\/healthy/)
    expect(() => loadConfig({ env: {}, overrides: { kpis: { exception_ratio: { critical: 0.1 } } } as never })).toThrow(/kpis\/exception_ratio/)
  })

  it('serves the overridden thresholds, and refuses to start on a bad override', async () => {
    const config = testConfig({ kpis: { exception_ratio: { healthy: 0.09, warning: 0.12 } } })
    const store = openStore(config)
    const app = await buildApp({ config, store })
    try {
      await app.ready()
      const res = await app.inject({ url: '/api/v1/kpis', query: { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', kpi: 'exception_ratio' } })
      expect(res.json().kpis[0]).toMatchObject({ id: 'exception_ratio', healthy: 0.09, warning: 0.12, status: 'no_data' })
      // The analyzer's routes are documented with their querystrings.
      const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json()
      for (const route of ['/api/v1/kpis', '/api/v1/kpis/series', '/api/v1/reports/consistency']) {
        expect(spec.paths[route].get.tags).toEqual(['analyzer'])
        expect(spec.paths[route].get.parameters.length).toBeGreaterThan(0)
      }
    } finally {
      await app.close()
      await store.close()
    }
    const bad = testConfig({ kpis: { exception_rate: { healthy: 0.09 } } })
    const badStore = openStore(bad)
    try {
      await expect(buildApp({ config: bad, store: badStore }).then((a) => a.ready())).rejects.toThrow(/kpis\.exception_rate: unknown KPI/)
    } finally {
      await badStore.close()
    }
  })
})
