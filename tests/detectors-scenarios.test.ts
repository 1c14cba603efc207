import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import type { TruthLabel } from '../simulator/index.ts'
import { runDetectionPass } from '../analyzer/index.ts'
import { DETECTORS } from '../analyzer/detectors/index.ts'
import { buildApp } from '../server/app.ts'
import { firstDetection } from '../testkit/detection.ts'
import { evidenceStart, STORY_HOURS, storyFaults } from '../testkit/stories.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const MIN = 60_000
const HOUR = 60 * MIN
// A Tuesday: day 0 is the history, every story starts on day 1.
const FROM = Date.parse('2026-03-10T00:00:00+08:00')

const FAULTS = storyFaults(FROM)
const spec = (scenario: string) => FAULTS.find((f) => f.scenario === scenario)!

/**
 * Each story's detector, run once a minute as the schedule does, finds it
 * with a scope that names every dimension of the injected fault, soon after
 * the story's own evidence exists (testkit/stories.ts says when that is).
 */
describe('each failure story is detected, with its scope, soon after its evidence appears', () => {
  let store: Store
  let truth: TruthLabel[]
  const latencies: Record<string, number | null> = {}

  beforeAll(async () => {
    ;({ store, result: { truth } } = await simulateIntoStore(testConfig(), { seed: 31, from: FROM, to: FROM + STORY_HOURS * HOUR, ordersPerDay: 6000, faults: FAULTS }))
  })
  afterAll(async () => {
    console.info(`[detection latency, minutes after the evidence] ${JSON.stringify(latencies)}`)
    await store?.close()
  })

  const detectsWithin = (scenario: string, maxMin: number) =>
    it(`${scenario}: within ${maxMin} min of its evidence`, async () => {
      const from = await evidenceStart(store, spec(scenario))
      const detection = await firstDetection(store, scenario, spec(scenario).scope, from, maxMin)
      latencies[scenario] = detection.minutes
      expect(detection.minutes, `${scenario} not found within ${maxMin} min of ${new Date(from).toISOString()}`).not.toBeNull()
      expect(Date.parse(detection.finding!.first_seen)).toBeLessThanOrEqual(from + detection.minutes! * MIN)
      expect(detection.finding!.evidence).toBeTypeOf('object')
      expect(detection.finding!.fix.length).toBeGreaterThan(20)
    })

  detectsWithin('ip_whitelist', 3)
  detectsWithin('throttling', 2)
  detectsWithin('presale_receiver', 2)
  detectsWithin('stopped_job', 2)
  detectsWithin('traffic_surge', 20)
  detectsWithin('queue_backlog', 8)
  detectsWithin('status_desync', 10)
  detectsWithin('stalled_tracking', 30)
  detectsWithin('encoding', 2)
  detectsWithin('manual_duplicates', 2)

  it('carries evidence that matches the ground truth (ip_whitelist: the refused orders; stalled_tracking: stalled parcels of the truth)', async () => {
    const whitelist = await firstDetection(store, 'ip_whitelist', spec('ip_whitelist').scope, spec('ip_whitelist').start + 30 * MIN, 1)
    const samples = whitelist.finding!.evidence.samples as { order_id: string; http_status: number }[]
    const affected = new Set([...truth.find((t) => t.scenario === 'ip_whitelist')!.affected_orders])
    expect(samples.length).toBeGreaterThan(0)
    expect(samples.every((s) => s.http_status === 403)).toBe(true)
    expect(samples.filter((s) => affected.has(s.order_id)).length).toBeGreaterThan(0)
    const stalled = await firstDetection(store, 'stalled_tracking', spec('stalled_tracking').scope, spec('stalled_tracking').start + 38 * HOUR, 1)
    const stalledTruth = new Set(truth.find((t) => t.scenario === 'stalled_tracking')!.affected_orders)
    const sample = stalled.finding!.evidence.sample_orders as string[]
    expect(sample.length).toBeGreaterThan(0)
    expect(sample.filter((id) => !stalledTruth.has(id))).toEqual([])
  })

  describe('findings lifecycle and API', () => {
    let app: FastifyInstance
    const f = () => spec('ip_whitelist')
    const pass = (t: number) => runDetectionPass(store, { at: t, lookbackMs: 15 * MIN, graceMs: 5 * MIN })

    beforeAll(async () => {
      app = await buildApp({ config: testConfig(), store })
      await app.ready()
    })
    afterAll(async () => {
      await app?.close()
    })

    it('opens a finding once, keeps it active while the fault lasts, and ends it after the grace period', async () => {
      const opened = await pass(f().start + 5 * MIN)
      const mine = opened.written.opened.filter((x) => x.pattern === 'ip_whitelist')
      expect(mine).toHaveLength(1)
      expect(mine[0]!.status).toBe('open')
      const again = await pass(f().start + 6 * MIN)
      expect(again.written.opened.filter((x) => x.pattern === 'ip_whitelist')).toEqual([])
      const active = again.written.updated.find((x) => x.pattern === 'ip_whitelist')!
      expect(active).toMatchObject({ finding_id: mine[0]!.finding_id, status: 'active', passes: 2 })
      // Once the whitelist is fixed the 403s age out of the window; the finding ends after the grace period.
      const ended = await pass(f().start + f().durationMs + 30 * MIN)
      expect(ended.written.ended.find((x) => x.finding_id === mine[0]!.finding_id)).toMatchObject({ status: 'ended' })
      const stored = (await app.inject({ url: `/api/v1/findings/${mine[0]!.finding_id}` })).json()
      expect(stored).toMatchObject({ pattern: 'ip_whitelist', status: 'ended', passes: 2, scope: { client_ip: '10.8.1.21', endpoint: '/callback/shipment', target_system: 'oms' } })
      expect(Date.parse(stored.ended_at)).toBe(f().start + f().durationMs + 30 * MIN)
    })

    it('lists findings by status and pattern, and runs a pass on demand', async () => {
      const run = await app.inject({ method: 'POST', url: '/api/v1/findings/run', query: { at: new Date(spec('throttling').start + 3 * MIN).toISOString() } })
      expect(run.statusCode).toBe(200)
      expect(run.json().findings.map((x: { pattern: string }) => x.pattern)).toContain('throttling')
      expect(Object.keys(run.json().timings).sort()).toEqual([...DETECTORS.map((d) => d.pattern), 'anomaly'].sort())
      const live = (await app.inject({ url: '/api/v1/findings', query: { pattern: 'throttling' } })).json()
      expect(live.findings.length).toBeGreaterThan(0)
      expect(live.findings.every((x: { pattern: string; status: string }) => x.pattern === 'throttling' && x.status !== 'ended')).toBe(true)
      const ended = (await app.inject({ url: '/api/v1/findings', query: { status: 'ended' } })).json()
      expect(ended.findings.map((x: { pattern: string }) => x.pattern)).toContain('ip_whitelist')
      // By period: the findings going on in it, whatever their status.
      const span = (from: number, to: number) => app.inject({ url: '/api/v1/findings', query: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } }).then((r) => r.json().findings.map((x: { pattern: string }) => x.pattern))
      const whitelist = spec('ip_whitelist')
      expect(await span(whitelist.start, whitelist.start + HOUR)).toContain('ip_whitelist')
      expect(await span(whitelist.start - 3 * HOUR, whitelist.start - 2 * HOUR)).not.toContain('ip_whitelist')
    })

    it('refuses bad input, naming the field', async () => {
      const bad = await app.inject({ url: '/api/v1/findings', query: { status: 'closed' } })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().message).toMatch(/status/)
      const future = await app.inject({ method: 'POST', url: '/api/v1/findings/run', query: { at: '2099-01-01T00:00:00Z' } })
      expect(future.statusCode).toBe(400)
      expect(future.json().message).toMatch(/at/)
      expect((await app.inject({ url: '/api/v1/findings/nope' })).statusCode).toBe(400)
      expect((await app.inject({ url: '/api/v1/findings/0123456789abcdef-zz' })).statusCode).toBe(404)
    })
  })
})
