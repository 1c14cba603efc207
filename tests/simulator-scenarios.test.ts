import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openStore, type Store } from '../core/store/index.ts'
import { companyProfile, DEFAULT_COMPANY, FaultSpecError, parseFault, SCENARIO_IDS, saveTruth, simulate, storeSink, type FaultSpec, type ScenarioId, type SimulationResult, type TruthLabel } from '../simulator/index.ts'
import { hasRareCharacter } from '../simulator/model/names.ts'
import { ordersPerMinute } from '../simulator/model/rhythm.ts'
import { testConfig } from './helpers/config.ts'
import { chinaTime, HOUR, loadOrderFacts, median, MIN, q, sorted, type OrderFacts } from './helpers/sim-facts.ts'

/**
 * Every failure story of domain.md injected into one simulated day (China
 * time, a Tuesday) of an 8,000-orders-a-day company, each on its own scope
 * so its evidence can be attributed; the run goes on for another 36 hours so
 * that downstream effects (frozen presale orders, 36 h without a courier
 * scan) have time to show. For each story: the evidence is in the stored
 * events within the fault's span, it stays inside the fault's scope, the
 * downstream effect shows, and the ground truth names exactly the orders
 * that show it.
 */

const FROM = chinaTime('2026-03-10T00:00:00')
const TO = FROM + 60 * HOUR
const SEED = 424242
const RUN_ID = `scenarios-${SEED}`
const COMPANY = { ordersPerDay: 8000 }
const at = (hour: number) => FROM + hour * HOUR

const FAULTS: FaultSpec[] = [
  // Story 1 through the CLI's own parser: the Guangzhou WMS server is not on the new whitelist, 10:00–12:00.
  parseFault('ip_whitelist:start=+10h,duration=2h,intensity=1,client_ip=10.8.2.21,endpoint=/callback/shipment', FROM),
  { scenario: 'encoding', start: at(0), durationMs: 24 * HOUR, intensity: 1, scope: { channel: 'douyin' } },
  { scenario: 'throttling', start: at(9), durationMs: HOUR, intensity: 0.7, scope: { target_system: 'jd_api' } },
  { scenario: 'stopped_job', start: at(13), durationMs: 3 * HOUR, intensity: 1, scope: { job: 'pinduoduo_order_import' } },
  { scenario: 'queue_backlog', start: at(8), durationMs: 3 * HOUR, intensity: 1, scope: { queue: 'oms-to-wms', warehouse: 'wh-beijing' } },
  { scenario: 'presale_receiver', start: at(14), durationMs: 4 * HOUR, intensity: 1, scope: { endpoint: '/callback/presale/balance', channel: 'taobao' } },
  { scenario: 'manual_duplicates', start: at(8), durationMs: 12 * HOUR, intensity: 0.8, scope: { channel: 'manual' } },
  { scenario: 'status_desync', start: at(12), durationMs: 6 * HOUR, intensity: 0.5, scope: { warehouse: 'wh-chengdu' } },
  { scenario: 'traffic_surge', start: at(19), durationMs: 3 * HOUR, intensity: 1, scope: { channel: 'miniprogram' } },
  { scenario: 'stalled_tracking', start: at(8), durationMs: 14 * HOUR, intensity: 1, scope: { carrier: 'zto', region: '浙江省' } },
]

const spec = (id: ScenarioId) => FAULTS.find((f) => f.scenario === id)!
const endOf = (f: FaultSpec) => f.start + f.durationMs
const within = (t: number | undefined, f: FaultSpec) => t !== undefined && t >= f.start && t < endOf(f)

/** One interface call as the tests read it back. */
interface Call {
  ts: number
  source: string
  target: string
  endpoint: string
  status: number
  code: string
  ip: string
  attempt: number
  orderId: string
  channel: string
}

/** OMS states of an order still "awaiting shipment" there. */
const BEFORE_SHIPPING = new Set(['created', 'paid', 'deposit_paid', 'balance_paid', 'stock_locked', 'allocated'])

describe('parseFault', () => {
  const start = chinaTime('2026-03-10T00:00:00')

  it('reads scenario, start offset, duration, intensity and scope', () => {
    expect(parseFault('ip_whitelist:start=+2h,duration=30m,intensity=0.5,client_ip=10.8.2.21', start)).toEqual({
      scenario: 'ip_whitelist',
      start: start + 2 * HOUR,
      durationMs: 30 * MIN,
      intensity: 0.5,
      scope: { client_ip: '10.8.2.21' },
    })
    expect(parseFault('stopped_job:start=2026-03-10T13:00:00+08:00,duration=2d', start)).toMatchObject({ start: start + 13 * HOUR, durationMs: 48 * HOUR, intensity: 1, scope: {} })
  })

  it('rejects an unknown scenario, naming the known ones', () => {
    expect(() => parseFault('ip_blacklist:duration=1h', start)).toThrow(FaultSpecError)
    expect(() => parseFault('ip_blacklist:duration=1h', start)).toThrow(/unknown scenario 'ip_blacklist'.*ip_whitelist.*stalled_tracking/)
  })

  it('rejects a bad duration', () => {
    for (const d of ['soon', '0m', '-5m', '2 fortnights']) {
      expect(() => parseFault(`throttling:duration=${d}`, start), d).toThrow(FaultSpecError)
      expect(() => parseFault(`throttling:duration=${d}`, start), d).toThrow(/duration like 30m, 2h or 2d expected/)
    }
  })

  it('rejects an intensity outside (0, 1]', () => {
    for (const i of ['0', '1.5', '-0.2', 'high', '']) {
      expect(() => parseFault(`throttling:intensity=${i}`, start), i).toThrow(FaultSpecError)
      expect(() => parseFault(`throttling:intensity=${i}`, start), i).toThrow(/intensity must be in \(0, 1\]/)
    }
    expect(parseFault('throttling:intensity=1', start).intensity).toBe(1)
  })

  it('rejects an empty duration with the same clear FaultSpecError', () => {
    expect(() => parseFault('throttling:duration=', start)).toThrow(FaultSpecError)
  })
})

describe('failure scenarios in one simulated day', () => {
  const config = testConfig()
  const company = companyProfile(COMPANY)
  let store: Store
  let result: SimulationResult
  let facts: Map<string, OrderFacts>
  let odd: Call[]
  const truth = (id: ScenarioId): TruthLabel => result.truth.find((t) => t.scenario === id)!
  const affected = (id: ScenarioId) => new Set(truth(id).affected_orders)
  const orders = () => [...facts.values()]

  beforeAll(async () => {
    store = openStore(config)
    await migrate(store)
    const sink = storeSink(store, config, RUN_ID)
    result = await simulate({ seed: SEED, from: FROM, to: TO, company: COMPANY, faults: FAULTS, sink })
    await sink.close()
    await saveTruth(result.truth, RUN_ID, { store })
    facts = await loadOrderFacts(store)
    // Every call that failed or was a retry: a few thousand rows, read once.
    odd = await readCalls('http_status != 200 OR retry_attempt > 0')
  })
  afterAll(async () => {
    await store?.close()
  })

  async function readCalls(where: 'http_status != 200 OR retry_attempt > 0' | 'endpoint = {endpoint:String}', params: Record<string, unknown> = {}): Promise<Call[]> {
    const rows = await q<Record<string, string | number>>(
      store,
      `SELECT toUnixTimestamp64Milli(ts) AS ts, source_system, target_system, endpoint, http_status, error_code, client_ip, retry_attempt, order_id, channel
       FROM interface_calls WHERE ${where} ORDER BY ts`,
      params,
    )
    return rows.map((r) => ({
      ts: Number(r.ts),
      source: String(r.source_system),
      target: String(r.target_system),
      endpoint: String(r.endpoint),
      status: Number(r.http_status),
      code: String(r.error_code),
      ip: String(r.client_ip),
      attempt: Number(r.retry_attempt),
      orderId: String(r.order_id),
      channel: String(r.channel),
    }))
  }

  /** What `system` said about each order as of `at(order)`: its latest state stamped before then. */
  async function stateAsOf(system: string, ids: Iterable<string>, at: (id: string) => number): Promise<Map<string, string>> {
    const rows = await q<{ order_id: string; state: string; t: string }>(
      store,
      'SELECT order_id, state, toUnixTimestamp64Milli(event_time) AS t FROM order_events WHERE system = {system:String} AND order_id IN {ids:Array(String)} ORDER BY event_time',
      { system, ids: [...ids] },
    )
    const out = new Map<string, string>()
    for (const r of rows) if (Number(r.t) < at(r.order_id)) out.set(r.order_id, r.state)
    return out
  }

  async function latestState(system: string): Promise<Map<string, string>> {
    const rows = await q<{ order_id: string; state: string }>(store, 'SELECT order_id, state FROM order_state FINAL WHERE system = {system:String}', { system })
    return new Map(rows.map((r) => [r.order_id, r.state]))
  }

  /** Orders the WMS shipped (picked up, early enough for the callback to land) that OMS never recorded as shipped. */
  const shippedInWmsNotOms = () => orders().filter((f) => f.wmsPickedUp !== undefined && f.wmsPickedUp < TO - HOUR && f.omsPickedUp === undefined)

  describe('ground truth', () => {
    it('lists every scenario with its span, scope and intensity, and affected orders that exist', () => {
      console.info(`[scenario truth] orders=${result.orders} ` + result.truth.map((t) => `${t.label}: ${t.affected_orders.length} orders ${JSON.stringify(t.effects)}`).join('; '))
      expect(result.truth.map((t) => t.scenario)).toEqual(FAULTS.map((f) => f.scenario))
      expect(sorted(result.truth.map((t) => t.scenario))).toEqual(sorted(SCENARIO_IDS))
      for (const [i, f] of FAULTS.entries()) {
        const t = result.truth[i]!
        expect(t).toMatchObject({ label: `${f.scenario}#${i + 1}`, start: new Date(f.start).toISOString(), end: new Date(endOf(f)).toISOString(), scope: f.scope, intensity: f.intensity })
        expect(t.affected_orders.length, t.label).toBeGreaterThan(0)
        expect(t.affected_orders.filter((id) => !facts.has(id)), t.label).toEqual([])
      }
    })

    it('lands in fault_labels as saved, one row per fault', async () => {
      const rows = await q<{ label: string; scenario: string; start: string; end: string; scope: Record<string, string>; intensity: number; affected_orders: string[]; effects: Record<string, string> }>(
        store,
        `SELECT label, scenario, toUnixTimestamp64Milli(start) AS start, toUnixTimestamp64Milli(end) AS end, scope, intensity, affected_orders, effects
         FROM fault_labels FINAL WHERE run_id = {run:String} ORDER BY label`,
        { run: RUN_ID },
      )
      expect(rows.map((r) => r.label)).toEqual(sorted(result.truth.map((t) => t.label)))
      for (const r of rows) {
        const t = result.truth.find((x) => x.label === r.label)!
        expect(r.scenario).toBe(t.scenario)
        expect(Number(r.start)).toBe(Date.parse(t.start))
        expect(Number(r.end)).toBe(Date.parse(t.end))
        expect(r.scope).toEqual(t.scope)
        expect(Number(r.intensity)).toBeCloseTo(t.intensity, 5)
        expect(r.affected_orders).toEqual(t.affected_orders)
        expect(Object.fromEntries(Object.entries(r.effects).map(([k, v]) => [k, Number(v)]))).toEqual(t.effects)
      }
    })

    it('has every order-level scope value (channel, warehouse, carrier) on each affected order’s stored events', () => {
      for (const t of result.truth) {
        for (const [dimension, value] of Object.entries(t.scope)) {
          if (!['channel', 'warehouse', 'carrier'].includes(dimension)) continue
          const off = t.affected_orders.filter((id) => (facts.get(id) as unknown as Record<string, string>)[dimension] !== value)
          expect(off, `${t.label} ${dimension}=${value}`).toEqual([])
        }
      }
    })

    it('names a region scope that the affected orders’ stored region column carries', () => {
      const t = truth('stalled_tracking')
      const regions = new Set(t.affected_orders.map((id) => facts.get(id)!.region))
      expect([...regions]).toEqual([t.scope.region])
    })
  })

  describe('1 ip_whitelist: WMS callbacks from one IP refused', () => {
    const f = spec('ip_whitelist')
    const rejected = () => odd.filter((c) => c.status === 403)

    it('drops callback success to zero for that IP within the span while other WMS servers get through', async () => {
      const callbacks = await readCalls('endpoint = {endpoint:String}', { endpoint: '/callback/shipment' })
      const firstInSpan = callbacks.filter((c) => c.attempt === 0 && within(c.ts, f))
      const fromIp = firstInSpan.filter((c) => c.ip === '10.8.2.21')
      expect(fromIp.length).toBeGreaterThan(30)
      expect(fromIp.filter((c) => c.status === 200)).toEqual([])
      expect(fromIp.every((c) => c.status === 403 && c.code === 'IP_NOT_IN_WHITELIST')).toBe(true)
      // The same server was fine just before, and the others are fine meanwhile.
      const before = callbacks.filter((c) => c.ip === '10.8.2.21' && c.ts >= f.start - 2 * HOUR && c.ts < f.start)
      expect(before.filter((c) => c.status === 200).length / before.length).toBeGreaterThan(0.95)
      const others = firstInSpan.filter((c) => c.ip !== '10.8.2.21')
      expect(others.length).toBeGreaterThan(100)
      expect(others.filter((c) => c.status === 200).length / others.length).toBeGreaterThan(0.95)
    })

    it('refuses only that IP on that endpoint, and every refused call was first made within the span', () => {
      const r = rejected()
      expect(r.length).toBeGreaterThan(0)
      expect(r.filter((c) => c.ip !== '10.8.2.21' || c.endpoint !== '/callback/shipment' || c.code !== 'IP_NOT_IN_WHITELIST')).toEqual([])
      expect(r.filter((c) => c.attempt === 0 && !within(c.ts, f))).toEqual([])
    })

    it('answers 403 only between the fault’s start and end', () => {
      const late = rejected().filter((c) => !within(c.ts, f))
      if (late.length) console.info(`[ip_whitelist] ${late.length} 403s after the end, the last ${((Math.max(...late.map((c) => c.ts)) - endOf(f)) / MIN).toFixed(1)} min after it`)
      expect(late.map((c) => new Date(c.ts).toISOString())).toEqual([])
    })

    it('leaves those orders shipped in WMS but awaiting shipment in OMS, and the truth names exactly them', async () => {
      const a = affected('ip_whitelist')
      // A callback retried after the fix got through: its order is not stuck, and not in the truth.
      const through = new Set(odd.filter((c) => c.endpoint === '/callback/shipment' && c.status === 200).map((c) => c.orderId))
      expect(through.size).toBeGreaterThan(0)
      expect(sorted(a)).toEqual(sorted(new Set(rejected().map((c) => c.orderId).filter((id) => !through.has(id)))))
      const stuck = shippedInWmsNotOms().filter((o) => o.warehouse === 'wh-guangzhou')
      expect(sorted(stuck.map((o) => o.orderId))).toEqual(sorted(a))
      const wms = await latestState('wms')
      // OMS learns nothing until the parcel is delivered (its tracking query then catches up).
      const deliveredOrEnd = (id: string) => facts.get(id)!.tmsDelivered ?? TO
      const oms = await stateAsOf('oms', a, deliveredOrEnd)
      for (const id of a) {
        expect(wms.get(id), id).toBe('picked_up')
        expect(BEFORE_SHIPPING.has(oms.get(id) ?? ''), `${id} OMS ${oms.get(id)}`).toBe(true)
        expect(deliveredOrEnd(id) - facts.get(id)!.wmsPickedUp!, id).toBeGreaterThan(12 * HOUR)
      }
      expect(truth('ip_whitelist').effects.calls_rejected).toBe(rejected().filter((c) => c.attempt === 0).length)
    })
  })

  describe('2 encoding: rare-character names fail to be written, silently', () => {
    const f = spec('encoding')
    const failed = () => odd.filter((c) => c.code === 'DB_WRITE_FAILED')

    it('fails writes only for payloads with a rare character, from one channel, within the span, without retry', () => {
      const w = failed()
      expect(w.length).toBeGreaterThan(3)
      expect(w.filter((c) => c.channel !== 'douyin' || c.endpoint !== '/orders/push' || c.status !== 500 || !within(c.ts, f))).toEqual([])
      expect(w.filter((c) => c.attempt !== 0)).toEqual([])
      for (const c of w) expect(hasRareCharacter(facts.get(c.orderId)!.consigneeName), facts.get(c.orderId)!.consigneeName).toBe(true)
      // No retry ever gets the order through: no later call for it at all.
      const ids = new Set(w.map((c) => c.orderId))
      expect(odd.filter((c) => ids.has(c.orderId) && c.code !== 'DB_WRITE_FAILED')).toEqual([])
    })

    it('fails every rare-name Douyin order pushed within the span and no other (about 1.2% of the channel)', async () => {
      const pushes = (await readCalls('endpoint = {endpoint:String}', { endpoint: '/orders/push' })).filter((c) => c.attempt === 0 && c.channel === 'douyin' && within(c.ts, f))
      const pushed = [...new Set(pushes.map((c) => c.orderId))].map((id) => facts.get(id)!)
      const rare = pushed.filter((o) => hasRareCharacter(o.consigneeName))
      const failedIds = new Set(failed().map((c) => c.orderId))
      expect(sorted(rare.map((o) => o.orderId))).toEqual(sorted(failedIds))
      const share = failedIds.size / pushed.length
      expect(share).toBeGreaterThan(0.003)
      expect(share).toBeLessThan(0.03)
      // Rare names elsewhere are written fine.
      const elsewhere = orders().filter((o) => o.channel !== 'douyin' && hasRareCharacter(o.consigneeName) && o.created! < TO - HOUR)
      expect(elsewhere.length).toBeGreaterThan(20)
      expect(elsewhere.filter((o) => o.firstOms === undefined && !affected('throttling').has(o.orderId))).toEqual([])
    })

    it('leaves those orders missing from OMS entirely, and the truth names exactly them', () => {
      const a = affected('encoding')
      expect(sorted(a)).toEqual(sorted(new Set(failed().map((c) => c.orderId))))
      const missing = orders().filter((o) => o.created !== undefined && o.created < TO - HOUR && o.firstOms === undefined)
      expect(sorted(missing.filter((o) => o.channel === 'douyin').map((o) => o.orderId))).toEqual(sorted(a))
      for (const id of a) {
        const o = facts.get(id)!
        expect([o.firstOms, o.stockLocked, o.wmsAllocated], id).toEqual([undefined, undefined, undefined])
      }
      expect(truth('encoding').effects.writes_failed).toBe(a.size)
    })
  })

  describe('3 throttling: rate limited, retried at once', () => {
    const f = spec('throttling')
    const limited = () => odd.filter((c) => c.status === 429)

    it('raises the 429 share on the platform API within the span, with retries clustered within milliseconds', async () => {
      const rows = await q<{ n: string; limited: string }>(
        store,
        `SELECT count() AS n, countIf(http_status = 429) AS limited FROM interface_calls
         WHERE target_system = {target:String} AND retry_attempt = 0
           AND ts >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND ts < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`,
        { target: 'jd_api', from: f.start, to: endOf(f) },
      )
      const share = Number(rows[0]!.limited) / Number(rows[0]!.n)
      // intensity 0.7: about 70% of first attempts are refused.
      expect(share).toBeGreaterThan(0.5)
      expect(share).toBeLessThan(0.9)
      // Each refused call is retried four times with no back-off: attempts 2–15 ms apart.
      const byCall = new Map<string, Call[]>()
      for (const c of limited().concat(odd.filter((c) => c.target === 'jd_api' && c.attempt > 0 && c.status === 200))) {
        const k = `${c.endpoint}|${c.orderId}`
        byCall.set(k, [...(byCall.get(k) ?? []), c])
      }
      let gaps = 0
      for (const attempts of byCall.values()) {
        const firsts = attempts.filter((c) => c.attempt === 0)
        for (const first of firsts) {
          const chain = attempts.filter((c) => c.ts >= first.ts && c.ts - first.ts < 1_000).sort((x, y) => x.attempt - y.attempt)
          expect(chain.map((c) => c.attempt)).toEqual([0, 1, 2, 3, 4])
          for (let i = 1; i < chain.length; i++) {
            expect(chain[i]!.ts - chain[i - 1]!.ts).toBeLessThanOrEqual(20)
            gaps++
          }
        }
      }
      expect(gaps).toBeGreaterThan(40)
    })

    it('limits only the scoped target system, only for calls first made within the span', () => {
      const l = limited()
      expect(l.length).toBeGreaterThan(0)
      expect(l.filter((c) => c.target !== 'jd_api' || c.code !== 'isv.api-call-limited')).toEqual([])
      expect(l.filter((c) => c.attempt === 0 && !within(c.ts, f))).toEqual([])
      // The retries follow within milliseconds, so nothing is refused more than a moment past the end.
      expect(l.filter((c) => c.ts < f.start || c.ts >= endOf(f) + 100)).toEqual([])
    })

    it('loses the orders whose retries never got through, and the truth names exactly them', () => {
      const l = limited()
      const okLater = (c: Call) => odd.some((r) => r.orderId === c.orderId && r.endpoint === c.endpoint && r.status === 200 && r.ts >= c.ts && r.ts - c.ts < 1_000)
      const lost = l.filter((c) => c.attempt === 0 && c.orderId !== '' && !okLater(c))
      expect(sorted(affected('throttling'))).toEqual(sorted(new Set(lost.map((c) => c.orderId))))
      // Lost order detail → the order never reaches OMS; lost logistics upload → the channel never shows it shipped.
      const lostDetail = lost.filter((c) => c.endpoint === '/orders/detail')
      expect(lostDetail.length).toBeGreaterThan(0)
      for (const c of lostDetail) expect(facts.get(c.orderId)!.firstOms, c.orderId).toBeUndefined()
      expect(truth('throttling').effects.calls_throttled).toBe(l.filter((c) => c.attempt === 0).length)
    })
  })

  describe('4 stopped_job: a scheduled import silently stops', () => {
    const f = spec('stopped_job')
    let runs: { job: string; started: number; rows: number }[]

    beforeAll(async () => {
      const rows = await q<{ job: string; started: string; rows: string }>(
        store,
        'SELECT job, toUnixTimestamp64Milli(started_at) AS started, rows_moved AS rows FROM job_runs WHERE endsWith(job, {suffix:String}) ORDER BY job, started_at',
        { suffix: '_order_import' },
      )
      runs = rows.map((r) => ({ job: r.job, started: Number(r.started), rows: Number(r.rows) }))
    })

    it('leaves no heartbeat for that job within the span, and volume drops to zero then jumps', () => {
      const pdd = runs.filter((r) => r.job === 'pinduoduo_order_import')
      expect(pdd.filter((r) => within(r.started, f))).toEqual([])
      const after = pdd.find((r) => r.started >= endOf(f))!
      const before = pdd.filter((r) => r.started < f.start).at(-1)!
      expect(after.started - before.started).toBeGreaterThanOrEqual(3 * HOUR)
      expect(after.started - endOf(f)).toBeLessThan(5 * MIN)
      // An ordinary daytime run moves a handful of orders; the first run after the stop moves them all at once.
      const daytime = pdd.filter((r) => r.started >= at(8) && r.started < f.start).map((r) => r.rows)
      expect(median(daytime)).toBeGreaterThan(0)
      expect(after.rows).toBeGreaterThan(10 * median(daytime))
    })

    it('stops only the scoped job: the other imports keep a 5-minute heartbeat all along', () => {
      for (const job of ['taobao_order_import', 'jd_order_import', 'pinduoduo_order_import']) {
        const starts = runs.filter((r) => r.job === job).map((r) => r.started)
        const gaps = starts.slice(1).map((s, i) => ({ at: starts[i]!, gap: s - starts[i]! })).filter((g) => g.gap > 10 * MIN)
        if (job === 'pinduoduo_order_import') {
          expect(gaps.length, job).toBe(1)
          expect(gaps[0]!.at).toBeLessThan(f.start)
          expect(gaps[0]!.at + gaps[0]!.gap).toBeGreaterThanOrEqual(endOf(f))
        } else expect(gaps, job).toEqual([])
      }
      expect(truth('stopped_job').effects.runs_skipped).toBe(f.durationMs / (5 * MIN))
    })

    it('leaves the channel’s orders unseen by OMS until the job runs again, and the truth names exactly them', () => {
      const a = affected('stopped_job')
      const createdInSpan = orders().filter((o) => o.channel === 'pinduoduo' && within(o.created, f))
      expect(sorted(a)).toEqual(sorted(createdInSpan.map((o) => o.orderId)))
      expect(a.size).toBeGreaterThan(50)
      for (const id of a) expect(facts.get(id)!.firstOms, id).toBeGreaterThanOrEqual(endOf(f))
      const pulledRightAfter = [...a].filter((id) => facts.get(id)!.firstOms! < endOf(f) + 10 * MIN).length
      expect(pulledRightAfter / a.size).toBeGreaterThan(0.9)
      const jump = runs.find((r) => r.job === 'pinduoduo_order_import' && r.started >= endOf(f))!
      expect(jump.rows).toBeGreaterThanOrEqual(pulledRightAfter)
    })
  })

  describe('5 queue_backlog: OMS → WMS push queue backs up', () => {
    const f = spec('queue_backlog')
    let samples: { ts: number; depth: number; age: number }[]
    let lockCalls: Map<string, number>

    beforeAll(async () => {
      const rows = await q<{ ts: string; depth: string; age: number }>(
        store,
        'SELECT toUnixTimestamp64Milli(ts) AS ts, depth, oldest_age_s AS age FROM queue_samples WHERE queue = {queue:String} ORDER BY ts',
        { queue: 'oms-to-wms' },
      )
      samples = rows.map((r) => ({ ts: Number(r.ts), depth: Number(r.depth), age: Number(r.age) }))
      const locks = await readCalls('endpoint = {endpoint:String}', { endpoint: '/stock/lock' })
      lockCalls = new Map(locks.filter((c) => c.attempt === 0).map((c) => [c.orderId, c.ts]))
    })
    const pushDelay = (o: OrderFacts) => o.wmsAllocated! - o.stockLocked!

    it('raises queue depth and oldest age within the span, far above the same hours a day later', () => {
      const inSpan = samples.filter((s) => within(s.ts, f))
      const nextDay = samples.filter((s) => s.ts >= f.start + 24 * HOUR && s.ts < endOf(f) + 24 * HOUR)
      const maxDepth = Math.max(...inSpan.map((s) => s.depth))
      expect(maxDepth).toBeGreaterThan(3 * Math.max(...nextDay.map((s) => s.depth)))
      expect(Math.max(...inSpan.map((s) => s.age))).toBeGreaterThan(3600)
      // Rising: the last half hour of the span is far deeper and older than the first.
      const first = inSpan.filter((s) => s.ts < f.start + 30 * MIN)
      const last = inSpan.filter((s) => s.ts >= endOf(f) - 30 * MIN)
      expect(median(last.map((s) => s.depth))).toBeGreaterThan(2 * median(first.map((s) => s.depth)))
      expect(median(last.map((s) => s.age))).toBeGreaterThan(2 * median(first.map((s) => s.age)))
    })

    it('delays pushes only for the scoped warehouse', () => {
      const lockedInSpan = orders().filter((o) => within(lockCalls.get(o.orderId), f) && o.wmsAllocated !== undefined)
      const others = lockedInSpan.filter((o) => o.warehouse !== 'wh-beijing')
      expect(others.length).toBeGreaterThan(100)
      expect(median(others.map(pushDelay))).toBeLessThan(15 * MIN)
      const beijingNextDay = orders().filter((o) => o.warehouse === 'wh-beijing' && o.stockLocked !== undefined && o.wmsAllocated !== undefined && o.stockLocked >= f.start + 24 * HOUR && o.stockLocked < endOf(f) + 24 * HOUR)
      expect(median(beijingNextDay.map(pushDelay))).toBeLessThan(15 * MIN)
    })

    it('grows the paid → allocated delay of the warehouse’s orders over the span, and the truth names exactly them', () => {
      const a = affected('queue_backlog')
      const pushedFromSpan = orders().filter((o) => o.warehouse === 'wh-beijing' && within(lockCalls.get(o.orderId), f) && o.wmsAllocated !== undefined)
      expect(sorted(a)).toEqual(sorted(pushedFromSpan.map((o) => o.orderId)))
      expect(a.size).toBeGreaterThan(50)
      const delays = pushedFromSpan.sort((x, y) => lockCalls.get(x.orderId)! - lockCalls.get(y.orderId)!).map((o) => o.wmsAllocated! - (o.paid ?? o.balancePaid ?? o.stockLocked!))
      expect(median(delays)).toBeGreaterThan(30 * MIN)
      const third = Math.floor(delays.length / 3)
      expect(median(delays.slice(-third))).toBeGreaterThan(1.5 * median(delays.slice(0, third)))
    })
  })

  describe('6 presale_receiver: balance callbacks refused, balance mapped to deposit', () => {
    const f = spec('presale_receiver')
    const unavailable = () => odd.filter((c) => c.status === 503)

    it('shows 503 bursts on the balance endpoint within the span', () => {
      const u = unavailable().filter((c) => c.attempt === 0)
      expect(u.length).toBeGreaterThan(20)
      expect(u.every((c) => within(c.ts, f))).toBe(true)
      // Retried within seconds (1 s, 5 s, 30 s), several refused in a row.
      const retries = unavailable().filter((c) => c.attempt > 0)
      expect(retries.length).toBeGreaterThan(u.length)
    })

    it('refuses only that endpoint, only for the scoped channel, within the span (retries end within a minute)', () => {
      const u = unavailable()
      expect(u.filter((c) => c.endpoint !== '/callback/presale/balance' || c.channel !== 'taobao' || c.code !== 'SERVICE_UNAVAILABLE')).toEqual([])
      expect(u.filter((c) => c.ts < f.start || c.ts >= endOf(f) + MIN)).toEqual([])
      // Other channels' balance callbacks in the span got through.
      const otherPresale = orders().filter((o) => o.presale && o.channel !== 'taobao' && within(o.balancePaid, f))
      for (const o of otherPresale) expect(o.omsBalancePaid ?? o.stockLocked, o.orderId).toBeDefined()
    })

    it('freezes the orders in deposit_paid in OMS after the balance was paid in the channel, and the truth names exactly them', async () => {
      const a = affected('presale_receiver')
      expect(sorted(a)).toEqual(sorted(new Set(unavailable().map((c) => c.orderId))))
      expect(a.size).toBeGreaterThan(20)
      const oms = await latestState('oms')
      let frozenInDeposit = 0
      for (const id of a) {
        const o = facts.get(id)!
        expect(o.presale && o.channel === 'taobao', id).toBe(true)
        expect(within(o.balancePaid, f), id).toBe(true)
        // Frozen: never stock-locked through the rest of the run (over 40 h).
        expect(o.stockLocked, id).toBeUndefined()
        if (o.depositPaid! < o.balancePaid! && o.firstOms! < o.balancePaid!) {
          expect(oms.get(id), id).toBe('deposit_paid')
          frozenInDeposit++
        }
      }
      console.info(`[presale_receiver] ${a.size} affected, ${frozenInDeposit} frozen in deposit_paid after a well-ordered balance payment`)
      expect(frozenInDeposit).toBeGreaterThan(20)
      expect(TO - endOf(f)).toBeGreaterThan(40 * HOUR)
      expect(truth('presale_receiver').effects.callbacks_503).toBe(unavailable().filter((c) => c.attempt === 0).length)
      const gotThrough = new Set(odd.filter((c) => c.endpoint === '/callback/presale/balance' && c.status === 200 && a.has(c.orderId)).map((c) => c.orderId))
      expect(truth('presale_receiver').effects.mapped_to_deposit).toBeGreaterThan(0)
      expect(truth('presale_receiver').effects.mapped_to_deposit).toBeLessThanOrEqual(gotThrough.size)
    })

    it('never pays a balance before the order’s deposit (or before the order exists)', () => {
      const backwards = orders().filter((o) => o.presale && o.balancePaid !== undefined && (o.balancePaid < o.depositPaid! || o.balancePaid < o.created!))
      if (backwards.length) console.info(`[presale_receiver] ${backwards.length} balances paid before the deposit, up to ${(Math.max(...backwards.map((o) => o.depositPaid! - o.balancePaid!)) / HOUR).toFixed(1)} h before`)
      expect(backwards.map((o) => o.orderId)).toEqual([])
    })
  })

  describe('7 manual_duplicates: the same order keyed in again by hand', () => {
    const f = spec('manual_duplicates')
    let created: { orderId: string; system: string; no: string; buyer: string; orderTime: number; eventTime: number; channel: string }[]

    beforeAll(async () => {
      // Records carrying the identifying fields: the channel's own "created" and every hand-keyed copy.
      const rows = await q<Record<string, string>>(
        store,
        `SELECT order_id, system, channel, channel_order_no, buyer_id, toUnixTimestamp64Milli(order_time) AS ot, toUnixTimestamp64Milli(event_time) AS et
         FROM order_events WHERE state = 'created' AND buyer_id != ''`,
      )
      created = rows.map((r) => ({ orderId: r.order_id!, system: r.system!, no: r.channel_order_no!, buyer: r.buyer_id!, orderTime: Number(r.ot), eventTime: Number(r.et), channel: r.channel! }))
    })
    const copies = () => created.filter((c) => c.system !== 'channel')

    it('creates the order again in other systems, some under a mistyped number (hence another order_id)', () => {
      const c = copies()
      const originals = new Map(created.filter((x) => x.system === 'channel').map((x) => [x.orderId, x]))
      const same = c.filter((x) => originals.has(x.orderId))
      const mistyped = c.filter((x) => !originals.has(x.orderId))
      expect(c.length).toBe(truth('manual_duplicates').effects.recreations)
      expect(mistyped.length).toBe(truth('manual_duplicates').effects.mistyped_copies)
      expect(same.length).toBeGreaterThan(10)
      expect(mistyped.length).toBeGreaterThan(3)
      // Several "created" records from different systems under one order_id.
      const systemsPerOrder = new Map<string, Set<string>>()
      for (const x of created) if (originals.has(x.orderId)) systemsPerOrder.set(x.orderId, (systemsPerOrder.get(x.orderId) ?? new Set()).add(x.system))
      const multi = [...systemsPerOrder.values()].filter((s) => s.size >= 2)
      expect(multi.length).toBeGreaterThan(10)
      expect([...new Set(c.map((x) => x.system))].every((s) => ['erp', 'crm', 'cs', 'oms'].includes(s))).toBe(true)
      expect([...multi].some((s) => s.size >= 3)).toBe(true)
      // A mistyped copy: same buyer, time and channel, a number one keystroke off, so the fingerprint cannot join it.
      const byBuyerTime = new Map([...originals.values()].map((o) => [`${o.buyer}|${o.orderTime}`, o]))
      for (const m of mistyped) {
        const o = byBuyerTime.get(`${m.buyer}|${m.orderTime}`)!
        expect(o, m.no).toBeDefined()
        expect(m.no).not.toBe(o.no)
        expect(m.no.slice(0, -1)).toBe(o.no.slice(0, -1))
      }
    })

    it('copies only orders of the scoped channel created within the span', () => {
      const originals = new Map(created.filter((x) => x.system === 'channel').map((x) => [`${x.buyer}|${x.orderTime}`, x]))
      for (const c of copies()) {
        const o = originals.get(`${c.buyer}|${c.orderTime}`)!
        expect(c.channel).toBe('manual')
        expect(within(o.eventTime, f), c.orderId).toBe(true)
        expect(c.eventTime).toBeGreaterThan(o.eventTime)
      }
    })

    it('inflates the order count, and the truth names exactly the orders copied', () => {
      const a = affected('manual_duplicates')
      const originals = new Map(created.filter((x) => x.system === 'channel').map((x) => [`${x.buyer}|${x.orderTime}`, x.orderId]))
      const copied = new Set(copies().map((c) => originals.get(`${c.buyer}|${c.orderTime}`)!))
      expect(sorted(copied)).toEqual(sorted(a))
      const manualInSpan = orders().filter((o) => o.channel === 'manual' && within(o.created, f))
      // intensity 0.8 of the channel's orders in the span.
      expect(a.size / manualInSpan.length).toBeGreaterThan(0.6)
      expect(a.size / manualInSpan.length).toBeLessThan(0.95)
      // Counting "created" records overstates the channel's orders; the fingerprint folds all but the mistyped copies.
      const records = created.filter((x) => x.channel === 'manual' && (x.system === 'channel' ? within(x.eventTime, f) : copied.has(originals.get(`${x.buyer}|${x.orderTime}`)!)))
      const distinctIds = new Set(records.map((x) => x.orderId)).size
      expect(records.length).toBeGreaterThan(manualInSpan.length * 1.5)
      // Two copies of one order mistyped alike share a fingerprint.
      const channelIds = new Set(manualInSpan.map((o) => o.orderId))
      const mistypedIds = new Set(copies().filter((c) => !channelIds.has(c.orderId)).map((c) => c.orderId))
      expect(mistypedIds.size).toBeGreaterThan(3)
      expect(mistypedIds.size).toBeLessThanOrEqual(truth('manual_duplicates').effects.mistyped_copies!)
      expect(distinctIds).toBe(manualInSpan.length + mistypedIds.size)
      expect(distinctIds).toBeGreaterThan(manualInSpan.length * 1.05)
    })
  })

  describe('8 status_desync: WMS says shipped, OMS does not', () => {
    const f = spec('status_desync')

    it('shows WMS and OMS disagreeing on shipped orders of the scoped warehouse, although the callback got through', async () => {
      const a = affected('status_desync')
      expect(a.size).toBeGreaterThan(20)
      const callbacks = await readCalls('endpoint = {endpoint:String}', { endpoint: '/callback/shipment' })
      const answered = new Set(callbacks.filter((c) => c.status === 200).map((c) => c.orderId))
      const wms = await latestState('wms')
      // OMS never hears of the shipment nor of the delivery: awaiting shipment until the parcel arrives
      // (a refund the channel reports afterwards is all it learns), and never shipped or delivered.
      const oms = await stateAsOf('oms', a, (id) => facts.get(id)!.tmsDelivered ?? TO)
      const omsAtEnd = await stateAsOf('oms', a, () => TO)
      for (const id of a) {
        const o = facts.get(id)!
        expect(within(o.wmsPickedUp, f), id).toBe(true)
        expect(answered.has(id), id).toBe(true)
        expect(wms.get(id), id).toBe('picked_up')
        expect(BEFORE_SHIPPING.has(oms.get(id) ?? ''), `${id} OMS ${oms.get(id)}`).toBe(true)
        expect(['picked_up', 'in_transit', 'delivered', 'completed'], id).not.toContain(omsAtEnd.get(id))
        // Far longer than any tolerance.
        expect(TO - o.wmsPickedUp!).toBeGreaterThan(24 * HOUR)
      }
    })

    it('confines the disagreement to the scoped warehouse (the other shipped-not-in-OMS orders are the whitelist’s)', () => {
      const stuck = shippedInWmsNotOms()
      const desync = stuck.filter((o) => !affected('ip_whitelist').has(o.orderId))
      expect(desync.filter((o) => o.warehouse !== 'wh-chengdu' || !within(o.wmsPickedUp, f)).map((o) => o.orderId)).toEqual([])
      // intensity 0.5 of the warehouse's pick-ups in the span.
      const pickedUp = orders().filter((o) => o.warehouse === 'wh-chengdu' && within(o.wmsPickedUp, f))
      expect(desync.length / pickedUp.length).toBeGreaterThan(0.35)
      expect(desync.length / pickedUp.length).toBeLessThan(0.65)
    })

    it('names exactly the desynchronised orders in the truth', () => {
      const desync = shippedInWmsNotOms().filter((o) => o.warehouse === 'wh-chengdu')
      expect(sorted(affected('status_desync'))).toEqual(sorted(desync.map((o) => o.orderId)))
    })
  })

  describe('9 traffic_surge: new orders per hour jump 300% on one channel', () => {
    const f = spec('traffic_surge')
    /** Orders the company model expects from a channel over [from, to), without faults. */
    const expected = (channel: string, from: number, to: number) => {
      const share = DEFAULT_COMPANY.channels.find((c) => c.id === channel)!.share
      let n = 0
      for (let t = from; t < to; t += MIN) n += ordersPerMinute(company, t) * share
      return n
    }
    const count = (channel: string, from: number, to: number) => orders().filter((o) => o.channel === channel && o.created !== undefined && o.created >= from && o.created < to).length

    it('brings about four times the usual new orders per hour on the scoped channel within the span', () => {
      const ratio = count('miniprogram', f.start, endOf(f)) / expected('miniprogram', f.start, endOf(f))
      // +300%: 4× the model's rate; Poisson noise on ~500 orders is under 5%.
      expect(ratio).toBeGreaterThan(3.4)
      expect(ratio).toBeLessThan(4.6)
      for (let h = f.start; h < endOf(f); h += HOUR) expect(count('miniprogram', h, h + HOUR) / expected('miniprogram', h, h + HOUR)).toBeGreaterThan(2.5)
      // The same hours a day later are ordinary again.
      const nextDay = count('miniprogram', f.start + 24 * HOUR, endOf(f) + 24 * HOUR) / expected('miniprogram', f.start + 24 * HOUR, endOf(f) + 24 * HOUR)
      expect(nextDay).toBeGreaterThan(0.7)
      expect(nextDay).toBeLessThan(1.4)
    })

    it('leaves the other channels, and the scoped channel outside the span, at their usual rate', () => {
      for (const c of DEFAULT_COMPANY.channels.filter((c) => c.id !== 'miniprogram' && c.share >= 0.1)) {
        const ratio = count(c.id, f.start, endOf(f)) / expected(c.id, f.start, endOf(f))
        expect(ratio, c.id).toBeGreaterThan(0.75)
        expect(ratio, c.id).toBeLessThan(1.3)
      }
      const before = count('miniprogram', f.start - 6 * HOUR, f.start) / expected('miniprogram', f.start - 6 * HOUR, f.start)
      expect(before).toBeGreaterThan(0.75)
      expect(before).toBeLessThan(1.3)
    })

    it('names exactly the scoped channel’s orders created within the span in the truth', () => {
      const inSpan = orders().filter((o) => o.channel === 'miniprogram' && within(o.created, f))
      expect(sorted(affected('traffic_surge'))).toEqual(sorted(inSpan.map((o) => o.orderId)))
    })
  })

  describe('10 stalled_tracking: no courier scan for 36 h after pick-up', () => {
    const f = spec('stalled_tracking')
    // The scoped region, as the stored region column holds it.
    const EAST = new Set(['浙江省'])
    const stalled = (o: OrderFacts) => o.tmsPickedUp !== undefined && o.tmsPickedUp < TO - 36 * HOUR && (o.tmsInTransit === undefined || o.tmsInTransit - o.tmsPickedUp >= 36 * HOUR)

    it('holds back the in-transit scan of the scoped carrier’s parcels picked up within the span', () => {
      const a = [...affected('stalled_tracking')].map((id) => facts.get(id)!)
      expect(a.length).toBeGreaterThan(30)
      for (const o of a) {
        expect(within(o.tmsPickedUp, f), o.orderId).toBe(true)
        // Picked up within the span, observed for more than 36 hours after.
        expect(TO - o.tmsPickedUp!).toBeGreaterThan(36 * HOUR)
      }
      const share = a.filter(stalled).length / a.length
      console.info(`[stalled_tracking] ${a.length} affected parcels, ${(share * 100).toFixed(1)}% without a scan for 36 h`)
      expect(share).toBeGreaterThan(0.9)
    })

    it('lists in the truth only parcels that really went 36 h without a scan', () => {
      const early = [...affected('stalled_tracking')].map((id) => facts.get(id)!).filter((o) => !stalled(o))
      expect(early.map((o) => `${o.orderId} scanned ${((o.tmsInTransit! - o.tmsPickedUp!) / HOUR).toFixed(1)} h after pick-up`)).toEqual([])
    })

    it('stalls only that carrier (and region), only for pick-ups within the span', () => {
      const inScope = (o: OrderFacts) => o.carrier === 'zto' && EAST.has(o.region) && within(o.tmsPickedUp, f)
      const observed = orders().filter((o) => o.tmsPickedUp !== undefined && o.tmsPickedUp < TO - 36 * HOUR)
      const outside = observed.filter((o) => !inScope(o))
      // An ordinary scan comes lognormally ~5 h after pick-up; its far tail (beyond 36 h: ~4 in 100,000)
      // leaves a rare straggler anywhere. Out of scope, stalls stay at that level; in scope they are the rule.
      expect(outside.length).toBeGreaterThan(5000)
      expect(outside.filter(stalled).length / outside.length).toBeLessThan(0.001)
      // The carrier's other parcels in the span were scanned within hours as usual.
      const others = orders().filter((o) => o.carrier === 'zto' && !EAST.has(o.region) && within(o.tmsPickedUp, f))
      expect(others.length).toBeGreaterThan(30)
      expect(median(others.map((o) => o.tmsInTransit! - o.tmsPickedUp!))).toBeLessThan(12 * HOUR)
    })

    it('names exactly the carrier’s in-scope parcels picked up within the span in the truth', () => {
      const inScope = orders().filter((o) => o.carrier === 'zto' && EAST.has(o.region) && within(o.tmsPickedUp, f))
      expect(sorted(affected('stalled_tracking'))).toEqual(sorted(inScope.map((o) => o.orderId)))
    })
  })
})
