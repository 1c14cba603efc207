import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../core/store/index.ts'
import { DEFAULT_COMPANY, simulate } from '../simulator/index.ts'
import { testConfig } from './helpers/config.ts'
import { memorySink, num, one, simulateIntoStore } from './helpers/simulation.ts'

const DAY = 86_400_000
const FROM = Date.parse('2026-11-03T00:00:00+08:00')

describe('simulator determinism', () => {
  const run = async (seed: number) => {
    const sink = memorySink()
    await simulate({ seed, from: FROM, to: FROM + 3 * 3_600_000, company: { ordersPerDay: 4000 }, sink, faults: [{ scenario: 'throttling', start: FROM + 3_600_000, durationMs: 3_600_000, intensity: 0.5, scope: {} }] })
    return sink.digest()
  }

  it('replays the same traffic for the same seed, and other traffic for another', async () => {
    const a = await run(11)
    const b = await run(11)
    const c = await run(12)
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['orders', 'calls', 'jobs', 'queues']))
    expect(b).toEqual(a)
    expect(c.orders).not.toBe(a.orders)
  })
})

describe('simulator baseline: a day with no fault', () => {
  let store: Store
  beforeAll(async () => {
    ;({ store } = await simulateIntoStore(testConfig(), { seed: 5, from: FROM, to: FROM + DAY + 6 * 3_600_000, ordersPerDay: 6000 }))
  })
  afterAll(async () => {
    await store.close()
  })

  it('follows the channel mix', async () => {
    const rows = await store.query<{ channel: string; n: string }>("SELECT channel, uniqExact(order_id) AS n FROM order_events WHERE system = 'channel' AND state = 'created' GROUP BY channel")
    const total = rows.reduce((s, r) => s + num(r.n), 0)
    expect(total).toBeGreaterThan(5000)
    for (const c of DEFAULT_COMPANY.channels) {
      const share = num(rows.find((r) => r.channel === c.id)?.n ?? 0) / total
      // Poisson noise on ~6,000 orders: a share is within 30% (relative) or 1 point of its target.
      expect(Math.abs(share - c.share)).toBeLessThan(Math.max(0.01, c.share * 0.3))
    }
  })

  it('has the daily rhythm: the evening live-stream peak outsells the small hours', async () => {
    const { peak, night } = await one<{ peak: string; night: string }>(
      store,
      `SELECT countIf(toHour(event_time, 'Asia/Shanghai') IN (20, 21)) AS peak, countIf(toHour(event_time, 'Asia/Shanghai') IN (3, 4)) AS night
       FROM order_events WHERE system = 'channel' AND state = 'created' AND event_time < {end:DateTime64(3)}`,
      { end: new Date(FROM + DAY).toISOString().replace('Z', '') },
    )
    expect(num(peak)).toBeGreaterThan(num(night) * 5)
  })

  it('fails calls at the configured ordinary rate, each retried with back-off and then answered', async () => {
    const calls = await one<{ n: string; failed: string; retries: string; codes: string[] }>(
      store,
      "SELECT count() AS n, countIf(http_status >= 400) AS failed, countIf(retry_attempt > 0 AND http_status = 200) AS retries, groupUniqArray(error_code) AS codes FROM interface_calls",
    )
    const share = num(calls.failed) / num(calls.n)
    expect(share).toBeGreaterThan(DEFAULT_COMPANY.callErrorRate / 2)
    expect(share).toBeLessThan(DEFAULT_COMPANY.callErrorRate * 2)
    expect(num(calls.retries)).toBe(num(calls.failed))
    expect(calls.codes.filter(Boolean).sort()).toEqual(['BAD_GATEWAY', 'GATEWAY_TIMEOUT', 'INTERNAL_ERROR'])
  })

  it('shows none of the failure stories', async () => {
    const injected = await one<{ n: string }>(
      store,
      "SELECT count() AS n FROM interface_calls WHERE http_status IN (403, 429, 503) OR error_code IN ('IP_NOT_IN_WHITELIST', 'DB_WRITE_FAILED', 'isv.api-call-limited', 'SERVICE_UNAVAILABLE')",
    )
    expect(num(injected.n)).toBe(0)
    const gaps = await store.query<{ job: string; max_gap_s: string }>(
      `SELECT job, max(gap) AS max_gap_s FROM (
         SELECT job, dateDiff('second', lagInFrame(started_at) OVER (PARTITION BY job ORDER BY started_at ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), started_at) AS gap,
                row_number() OVER (PARTITION BY job ORDER BY started_at) AS rn
         FROM job_runs) WHERE rn > 1 AND job LIKE '%_order_import' GROUP BY job`,
    )
    expect(gaps.map((g) => g.job).sort()).toEqual(['jd_order_import', 'pinduoduo_order_import', 'taobao_order_import'])
    for (const g of gaps) expect(num(g.max_gap_s)).toBeLessThan(10 * 60)
    const backlog = await one<{ depth: string }>(store, "SELECT max(depth) AS depth FROM queue_samples WHERE queue = 'oms-to-wms'")
    expect(num(backlog.depth)).toBeLessThan(200)
    expect(num(backlog.depth)).toBeGreaterThan(0)
  })

  it('keeps OMS and WMS in agreement on shipped orders, and picks up about 92% within 4 h of payment', async () => {
    const shipped = await one<{ wms_shipped: string; oms_behind: string }>(
      store,
      `SELECT countIf(w = 'picked_up') AS wms_shipped, countIf(w = 'picked_up' AND o NOT IN ('picked_up', 'in_transit', 'delivered', 'completed', 'refund_requested', 'refunded')) AS oms_behind
       FROM (SELECT order_id, argMaxIf(state, event_time, system = 'oms') AS o, argMaxIf(state, event_time, system = 'wms') AS w FROM order_state FINAL GROUP BY order_id)`,
    )
    expect(num(shipped.wms_shipped)).toBeGreaterThan(1000)
    expect(num(shipped.oms_behind) / num(shipped.wms_shipped)).toBeLessThan(0.005)
    const pickup = await one<{ share: number }>(
      store,
      `WITH paid AS (SELECT order_id, min(event_time) AS t FROM order_events WHERE system = 'channel' AND state = 'paid' GROUP BY order_id),
            pick AS (SELECT order_id, min(event_time) AS t FROM order_events WHERE system = 'tms' AND state = 'picked_up' GROUP BY order_id)
       SELECT countIf(pick.t > 0 AND pick.t - paid.t <= 4 * 3600) / count() AS share FROM paid LEFT JOIN pick USING order_id
       WHERE paid.t < {end:DateTime64(3)} AND order_id NOT IN (SELECT order_id FROM order_events WHERE state = 'cancelled')`,
      { end: new Date(FROM + DAY).toISOString().replace('Z', '') },
    )
    expect(pickup.share).toBeGreaterThan(0.88)
    expect(pickup.share).toBeLessThan(0.98)
  })

  it('reports each state from the systems that own it, channels in their own state names', async () => {
    const bySystem = await store.query<{ system: string; states: string[] }>('SELECT system, groupUniqArray(state) AS states FROM order_events GROUP BY system')
    const states = Object.fromEntries(bySystem.map((r) => [r.system, new Set(r.states)]))
    expect([...states.tms!].sort()).toEqual(expect.arrayContaining(['picked_up', 'in_transit', 'delivered']))
    expect(states.tms!.has('paid')).toBe(false)
    expect(states.wms!.has('label_printed') && states.wms!.has('packed')).toBe(true)
    expect(states.finance!.has('paid')).toBe(true)
    expect(states.erp!.has('stock_locked')).toBe(true)
    const natives = await one<{ mapped: string; total: string }>(store, "SELECT countIf(native_state != '') AS mapped, count() AS total FROM order_events WHERE system = 'channel' AND channel IN ('taobao', 'jd', 'douyin') AND state IN ('created', 'paid', 'in_transit', 'completed')")
    expect(num(natives.total)).toBeGreaterThan(1000)
    expect(num(natives.mapped)).toBe(num(natives.total))
  })

  it('gives the order id the collector computes from the channel event to every later report', async () => {
    const orphans = await one<{ n: string }>(
      store,
      "SELECT count() AS n FROM (SELECT order_id, countIf(system = 'channel' AND state = 'created') AS created FROM order_events GROUP BY order_id) WHERE created != 1",
    )
    expect(num(orphans.n)).toBe(0)
  })

  it('records manual changes, nearly all with an audit record, and customer look-ups that mostly succeed', async () => {
    const changes = await one<{ n: string; traced: string }>(store, 'SELECT count() AS n, countIf(length(changed_fields) > 0) AS traced FROM order_events WHERE manual_change')
    expect(num(changes.n)).toBeGreaterThan(20)
    expect(num(changes.traced) / num(changes.n)).toBeGreaterThan(0.85)
    expect(num(changes.traced)).toBeLessThan(num(changes.n))
    const lookups = await one<{ share: number }>(store, 'SELECT countIf(found) / count() AS share FROM customer_queries WHERE self_service')
    expect(lookups.share).toBeGreaterThan(0.9)
    expect(lookups.share).toBeLessThan(1)
  })
})
