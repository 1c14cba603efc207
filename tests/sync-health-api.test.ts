import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EndpointsAnswer, ErrorsAnswer, HeatmapAnswer, JobsAnswer, QueuesAnswer } from '../analyzer/sync/index.ts'
import { hashPassword } from '../core/access/index.ts'
import type { Store } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import { storyFaults } from '../testkit/stories.ts'
import { testConfig } from './helpers/config.ts'
import { one, simulateIntoStore } from './helpers/simulation.ts'

const MIN = 60_000
const HOUR = 60 * MIN
// A Tuesday (China time): day 0 is the history; the stories start on day 1 (testkit/stories.ts).
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
const FAULTS = storyFaults(FROM).filter((f) => ['ip_whitelist', 'stopped_job', 'queue_backlog'].includes(f.scenario))
const spec = (scenario: string) => FAULTS.find((f) => f.scenario === scenario)!
const at = (h: number) => new Date(FROM + h * HOUR).toISOString()
const ch = (iso: string) => iso.replace('T', ' ').replace('Z', '')

/**
 * The sync-health API over a simulated company with three stories injected
 * on day 1: a whitelist refusing one warehouse's callback IP (26 h–28 h),
 * the Pinduoduo import job stopped (31 h–34 h), the OMS → WMS queue backing
 * up (33 h–35 h). Each must show where an SRE looks for it.
 */
describe('sync-health API', () => {
  let store: Store
  let app: FastifyInstance
  const get = async <T>(path: string, query: Record<string, string | number>) => {
    const res = await app.inject({ url: `/api/v1/sync/${path}`, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as T
  }

  beforeAll(async () => {
    const config = testConfig()
    ;({ store } = await simulateIntoStore(config, { seed: 5, from: FROM, to: FROM + 36 * HOUR, ordersPerDay: 3000, faults: FAULTS }))
    app = await buildApp({ config, store })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  describe('endpoints', () => {
    const whitelistHours = { from: at(26), to: at(28) }

    it('puts the refused callback first, critical, with the calls and failures the raw table holds', async () => {
      const answer = await get<EndpointsAnswer>('endpoints', whitelistHours)
      const worst = answer.endpoints[0]!
      expect([worst.source_system, worst.target_system, worst.endpoint]).toEqual(['wms', 'oms', '/callback/shipment'])
      expect(worst.status).toBe('critical')
      expect(answer.thresholds).toEqual({ healthy: 0.995, warning: 0.98 })
      const raw = await one<{ calls: string; failed: string }>(
        store,
        `SELECT count() AS calls, countIf(status_class NOT IN ('2xx', '3xx')) AS failed FROM interface_calls FINAL
         WHERE target_system = 'oms' AND endpoint = '/callback/shipment' AND source_system = 'wms' AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}`,
        { from: ch(whitelistHours.from), to: ch(whitelistHours.to) },
      )
      expect(worst.calls).toBe(Number(raw.calls))
      expect(worst.failures).toBe(Number(raw.failed))
      expect(worst.success_rate).toBeCloseTo(1 - Number(raw.failed) / Number(raw.calls), 10)
      expect(worst.success_rate!).toBeLessThan(0.8)
      // Healthy endpoints after it, and the answering system's roll-up adds up its endpoints.
      expect(answer.endpoints.some((e) => e.status === 'healthy')).toBe(true)
      const oms = answer.systems.find((s) => s.system === 'oms')!
      const omsEndpoints = answer.endpoints.filter((e) => e.target_system === 'oms')
      expect(oms.calls).toBe(omsEndpoints.reduce((n, e) => n + e.calls, 0))
      expect(oms.failures).toBe(omsEndpoints.reduce((n, e) => n + e.failures, 0))
    })

    it('gives latency percentiles of the calls themselves (merged t-digests), in order', async () => {
      const answer = await get<EndpointsAnswer>('endpoints', { from: at(0), to: at(24) })
      const busiest = [...answer.endpoints].sort((a, b) => b.calls - a.calls)[0]!
      const [exact] = await store.query<{ q: number[] }>(
        `SELECT quantilesExact(0.5, 0.95)(latency_ms) AS q FROM interface_calls FINAL
         WHERE target_system = {t:String} AND endpoint = {e:String} AND source_system = {s:String} AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}`,
        { t: busiest.target_system, e: busiest.endpoint, s: busiest.source_system, from: ch(at(0)), to: ch(at(24)) },
      )
      expect(busiest.p50_ms!).toBeGreaterThan(exact!.q[0]! * 0.85)
      expect(busiest.p50_ms!).toBeLessThan(exact!.q[0]! * 1.15)
      expect(busiest.p95_ms!).toBeGreaterThan(exact!.q[1]! * 0.8)
      expect(busiest.p95_ms!).toBeLessThan(exact!.q[1]! * 1.2)
      for (const e of answer.endpoints) {
        expect(e.p50_ms!).toBeLessThanOrEqual(e.p95_ms!)
        expect(e.p95_ms!).toBeLessThanOrEqual(e.p99_ms!)
        expect(e.p99_ms!).toBeLessThanOrEqual(e.max_ms! + 1e-6)
      }
    })

    it('filters by system (calls it made or answered)', async () => {
      const answer = await get<EndpointsAnswer>('endpoints', { ...whitelistHours, system: 'tms' })
      expect(answer.system).toBe('tms')
      expect(answer.endpoints.length).toBeGreaterThan(0)
      expect(answer.endpoints.every((e) => e.source_system === 'tms' || e.target_system === 'tms')).toBe(true)
      const none = await get<EndpointsAnswer>('endpoints', { ...whitelistHours, system: 'no_such_system' })
      expect(none.endpoints).toEqual([])
    })
  })

  describe('errors', () => {
    it('names the whitelist refusal as the main reason, on its endpoint, with a stored message', async () => {
      const answer = await get<ErrorsAnswer>('errors', { from: at(26), to: at(28) })
      const top = answer.reasons[0]!
      expect(top.error_code).toBe('IP_NOT_IN_WHITELIST')
      expect(top.status_class).toBe('4xx')
      expect(top.share).toBeGreaterThan(0.8)
      expect(top.endpoints[0]).toMatchObject({ target_system: 'oms', endpoint: '/callback/shipment' })
      expect(top.sample_message).toContain(spec('ip_whitelist').scope.client_ip)
      expect(answer.reasons.reduce((n, r) => n + r.calls, 0)).toBe(answer.failures)
      expect(answer.total_reasons).toBe(answer.reasons.length)
    })

    it('limits to the top reasons and filters by endpoint', async () => {
      const day = { from: at(0), to: at(36) }
      const all = await get<ErrorsAnswer>('errors', day)
      expect(all.total_reasons).toBeGreaterThan(1)
      const one = await get<ErrorsAnswer>('errors', { ...day, limit: 1 })
      expect(one.reasons).toHaveLength(1)
      expect(one.total_reasons).toBe(all.total_reasons)
      const push = await get<ErrorsAnswer>('errors', { ...day, endpoint: '/wms/orders/push' })
      expect(push.reasons.length).toBeGreaterThan(0)
      expect(push.reasons.flatMap((r) => r.endpoints).every((e) => e.endpoint === '/wms/orders/push')).toBe(true)
      expect(push.reasons.map((r) => r.error_code)).not.toContain('IP_NOT_IN_WHITELIST')
    })
  })

  describe('heat map', () => {
    it('by client IP: the failures sit on one endpoint × the refused IP', async () => {
      const map = await get<HeatmapAnswer>('heatmap', { from: at(26), to: at(28), by: 'client_ip' })
      expect(map.rows[0]).toMatchObject({ target_system: 'oms', endpoint: '/callback/shipment' })
      expect(map.columns[0]!.key).toBe(spec('ip_whitelist').scope.client_ip)
      const hot = map.cells.find((c) => c.row === 0 && c.col === 0)!
      const failures = map.cells.reduce((n, c) => n + c.failures, 0)
      expect(hot.failures / failures).toBeGreaterThan(0.9)
      // Calls come with the failures, so the console can show the failure rate: nearly all from that IP were refused.
      expect(hot.failures / hot.calls).toBeGreaterThan(0.6)
      expect(map.total_rows).toBe(map.rows.length)
    })

    it('by channel: the same failures spread over the channels whose orders the callbacks carried', async () => {
      const map = await get<HeatmapAnswer>('heatmap', { from: at(26), to: at(28), by: 'channel' })
      const onCallback = map.cells.filter((c) => c.row === 0 && c.failures > 0)
      expect(onCallback.length).toBeGreaterThanOrEqual(3)
      expect(map.columns.every((c) => !c.key.startsWith('10.'))).toBe(true)
    })

    it('caps rows and columns, and says how many there were', async () => {
      const map = await get<HeatmapAnswer>('heatmap', { from: at(0), to: at(36), by: 'client_ip', rows: 2, columns: 1 })
      expect(map.rows).toHaveLength(2)
      expect(map.columns).toHaveLength(1)
      expect(map.total_rows).toBeGreaterThan(2)
      expect(map.cells.every((c) => c.row < 2 && c.col < 1)).toBe(true)
    })
  })

  describe('jobs', () => {
    const stopped = () => spec('stopped_job').scope.job!

    it('a stopped job: overdue, stale last success, no successes in a row; listed first', async () => {
      const answer = await get<JobsAnswer>('jobs', { from: at(30), to: at(33) })
      const job = answer.jobs[0]!
      expect(job.job).toBe(stopped())
      expect(job.overdue).toBe(true)
      expect(job.consecutive_successes).toBe(0)
      // Its last run was the one just before the stop, about two hours before the window's end.
      expect(Date.parse(job.last_success!)).toBeLessThanOrEqual(spec('stopped_job').start)
      expect(job.last_success_age_s!).toBeGreaterThan(115 * 60)
      expect(job.schedule).toBe('*/5 * * * *')
      const others = answer.jobs.filter((j) => j.job !== stopped())
      expect(others.length).toBeGreaterThanOrEqual(3)
      expect(others.every((j) => !j.overdue)).toBe(true)
      expect(others.filter((j) => j.last_status === 'success').every((j) => j.consecutive_successes > 0 && j.last_success_age_s! < 31 * 60)).toBe(true)
    })

    it('before the stop the same job is on time, with its window figures', async () => {
      const answer = await get<JobsAnswer>('jobs', { from: at(29), to: at(31) })
      const job = answer.jobs.find((j) => j.job === stopped())!
      expect(job.overdue).toBe(false)
      expect(job.consecutive_successes).toBeGreaterThan(0)
      const raw = await one<{ runs: string; rows: string }>(
        store,
        'SELECT count() AS runs, sum(rows_moved) AS rows FROM job_runs FINAL WHERE job = {job:String} AND started_at >= {from:DateTime64(3)} AND started_at < {to:DateTime64(3)}',
        { job: stopped(), from: ch(at(29)), to: ch(at(31)) },
      )
      expect(job.runs).toBe(Number(raw.runs))
      expect(job.runs).toBe(24)
      expect(job.rows_moved).toBe(Number(raw.rows))
      expect(job.avg_duration_ms!).toBeGreaterThan(0)
    })

    it('after the stop the first run moves the backlog and the streak restarts', async () => {
      const answer = await get<JobsAnswer>('jobs', { from: at(34), to: new Date(FROM + 34 * HOUR + 20 * MIN).toISOString() })
      const job = answer.jobs.find((j) => j.job === stopped())!
      expect(job.overdue).toBe(false)
      // Runs resumed at 34 h: a few successes in a row, not the whole history before the gap.
      expect(job.consecutive_successes).toBeGreaterThan(0)
      expect(job.consecutive_successes).toBeLessThanOrEqual(5)
    })
  })

  describe('queues', () => {
    it('the backed-up queue shows rising depth and age; the others stay shallow', async () => {
      const answer = await get<QueuesAnswer>('queues', { from: at(32), to: at(35), bucket: '15m' })
      expect(answer.queues.map((q) => q.queue).sort()).toEqual(['erp-sync', 'oms-to-wms', 'wms-callbacks'])
      const push = answer.queues.find((q) => q.queue === 'oms-to-wms')!
      expect(push.points).toHaveLength(12)
      const depths = push.points.map((p) => p.depth ?? 0)
      const before = Math.max(...depths.slice(0, 4))
      expect(Math.max(...depths.slice(8))).toBeGreaterThan(3 * Math.max(1, before))
      expect(push.peak_depth).toBe(Math.max(...depths))
      expect(push.consumers).toBe(4)
      const quiet = await get<QueuesAnswer>('queues', { from: at(8), to: at(11), bucket: '15m' })
      expect(push.peak_depth).toBeGreaterThan(3 * quiet.queues.find((q) => q.queue === 'oms-to-wms')!.peak_depth)
    })

    it('buckets without samples are null, not zero', async () => {
      const answer = await get<QueuesAnswer>('queues', { from: at(35), to: at(37), bucket: '1h' })
      expect(answer.queues[0]!.points.map((p) => p.depth === null)).toEqual([false, true])
    })
  })

  describe('requests', () => {
    const status = async (path: string, query: Record<string, string>) => {
      const res = await app.inject({ url: `/api/v1/sync/${path}`, query })
      return { code: res.statusCode, message: String(res.json().message) }
    }

    it('refuses bad input with a 400 naming the field', async () => {
      expect(await status('endpoints', { to: at(1) })).toMatchObject({ code: 400, message: expect.stringContaining('from') })
      expect(await status('endpoints', { from: at(1), to: 'yesterday' })).toMatchObject({ code: 400, message: expect.stringContaining('to') })
      expect(await status('errors', { from: at(2), to: at(1) })).toEqual({ code: 400, message: 'querystring/to must be after querystring/from' })
      expect(await status('heatmap', { from: at(0), to: at(1), by: 'warehouse' })).toMatchObject({ code: 400, message: expect.stringContaining('querystring/by') })
      expect(await status('heatmap', { from: at(0), to: at(1) })).toMatchObject({ code: 400, message: expect.stringContaining('by') })
      expect(await status('queues', { from: at(0), to: at(36), bucket: '1m' })).toMatchObject({ code: 400, message: expect.stringMatching(/^querystring\/bucket 1m gives 2160 buckets/) })
      expect(await status('endpoints', { from: at(0), to: at(1), system: "oms' OR 1=1" })).toMatchObject({ code: 400, message: expect.stringContaining('system') })
    })

    it('answers logged-in users of any role, and nobody else', async () => {
      const users = [{ name: 'mo', role: 'manager', password_hash: await hashPassword('manager-password-1') }]
      const guarded = await buildApp({ config: testConfig({ access: { users, sessionSecret: 'b'.repeat(40) } }), store })
      try {
        const url = `/api/v1/sync/jobs?from=${at(30)}&to=${at(33)}`
        expect((await guarded.inject({ url })).statusCode).toBe(401)
        const { token } = (await guarded.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'mo', password: 'manager-password-1' } })).json()
        const res = await guarded.inject({ url, headers: { authorization: `Bearer ${token}` } })
        expect(res.statusCode).toBe(200)
        expect(res.json().jobs.length).toBeGreaterThan(0)
      } finally {
        await guarded.close()
      }
    })

    it('lists every sync route in the OpenAPI document under the analyzer tag', async () => {
      const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { get?: { tags?: string[] } }> }
      for (const path of ['endpoints', 'errors', 'heatmap', 'jobs', 'queues']) expect(doc.paths[`/api/v1/sync/${path}`]?.get?.tags).toEqual(['analyzer'])
    })
  })
})
