import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { openStore, type Store } from '../core/store/index.ts'
import { SCENARIO_IDS, demoFaults } from '../simulator/index.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'

describe('start --demo', () => {
  let app: FastifyInstance
  let store: Store
  beforeAll(async () => {
    const config = testConfig()
    store = openStore(config)
    app = await buildApp({ config, store, demo: true })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await store.close()
  })

  it('rotates through every failure story, one starting every few minutes', () => {
    const from = Date.parse('2026-11-22T10:00:00Z')
    const faults = demoFaults(from)
    expect(faults[0]!.start).toBe(from + 60_000)
    expect(new Set(faults.slice(0, SCENARIO_IDS.length).map((f) => f.scenario))).toEqual(new Set(SCENARIO_IDS))
    expect(faults[1]!.start - faults[0]!.start).toBe(4 * 60_000)
  })

  it('fills six hours of history, then streams live events through the collector', async () => {
    await expect
      .poll(async () => Number((await store.query<{ n: string }>("SELECT count() AS n FROM order_events WHERE source = 'simulator' AND event_time < now64() - INTERVAL 1 HOUR"))[0]!.n), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(10_000)
    await expect
      .poll(async () => {
        const metrics = (await app.inject({ url: '/metrics' })).body
        const line = metrics.split('\n').find((l) => l.startsWith('orderlens_ingest_rows_total{kind="orders",source="simulator",outcome="accepted"}'))
        return line ? Number(line.split(' ').pop()) : 0
      }, { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0)
  })
})
