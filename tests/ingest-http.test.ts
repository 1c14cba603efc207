import { gzipSync } from 'node:zlib'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyRetention, listMigrations, migrate } from '../core/store/index.ts'
import { startTestApp, type TestApp } from './helpers/app.ts'
import { TOKENS, testConfig } from './helpers/config.ts'
import { callEvent, ndjson, orderEvent } from './helpers/events.ts'

describe('collector over HTTP', () => {
  let t: TestApp
  const config = testConfig({ ingest: { bodyLimitBytes: 64 * 1024 } })
  beforeAll(async () => {
    t = await startTestApp(config)
  })
  afterAll(async () => {
    await t.close()
  })

  const idsStored = async (table: string, prefix: string) =>
    Number((await t.store.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE startsWith(event_id, {p:String})`, { p: prefix }))[0]!.n)

  describe('authentication', () => {
    it('refuses a request without a token or with a wrong one, and stores nothing', async () => {
      const body = ndjson([callEvent(1, { event_id: 'auth-refused' })])
      const none = await t.app.inject({ method: 'POST', url: '/api/v1/ingest/calls', headers: { 'content-type': 'application/x-ndjson' }, payload: body })
      const wrong = await t.ingest('calls', body, { authorization: 'Bearer not-a-real-token-at-all' })
      expect(none.statusCode).toBe(401)
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/)
      expect(wrong.status).toBe(401)
      expect(wrong.body.message).toMatch(/unknown bearer token/)
      await t.flush()
      expect(await idsStored('interface_calls', 'auth-refused')).toBe(0)
    })

    it('records which source system sent each row', async () => {
      await t.ingest('calls', ndjson([callEvent(2, { event_id: 'auth-wms' })]))
      await t.ingest('calls', ndjson([callEvent(3, { event_id: 'auth-oms' })]), { authorization: `Bearer ${TOKENS.oms}` })
      await t.flush()
      const rows = await t.store.query<{ event_id: string; source: string }>('SELECT event_id, source FROM interface_calls WHERE startsWith(event_id, {p:String}) ORDER BY event_id', { p: 'auth-' })
      expect(rows).toEqual([
        { event_id: 'auth-oms', source: 'oms' },
        { event_id: 'auth-wms', source: 'wms' },
      ])
    })
  })

  describe('bodies', () => {
    it('takes a JSON array and a gzip body', async () => {
      const array = await t.ingest('calls', JSON.stringify([callEvent(4, { event_id: 'fmt-array' })]), { 'content-type': 'application/json' })
      const gz = await t.ingest('calls', gzipSync(ndjson([callEvent(5, { event_id: 'fmt-gzip' })])), { 'content-encoding': 'gzip' })
      expect(array.body.accepted).toBe(1)
      expect(gz.body.accepted).toBe(1)
      await t.flush()
      expect(await idsStored('interface_calls', 'fmt-')).toBe(2)
    })

    it('refuses an unsupported encoding (415), an empty body (400) and an oversized one (413)', async () => {
      const br = await t.ingest('calls', ndjson([callEvent(6)]), { 'content-encoding': 'br' })
      const empty = await t.ingest('calls', '')
      const big = await t.ingest('calls', ndjson(Array.from({ length: 400 }, (_, i) => callEvent(i))))
      expect(br.status).toBe(415)
      expect(empty.status).toBe(400)
      expect(big.status).toBe(413)
    })

    it('measures the limit after decompression (a small gzip that inflates past it is 413)', async () => {
      const inflated = ndjson(Array.from({ length: 400 }, (_, i) => callEvent(i, { event_id: `bomb-${i}` })))
      const compressed = gzipSync(inflated)
      expect(compressed.length).toBeLessThan(config.ingest.bodyLimitBytes)
      const res = await t.ingest('calls', compressed, { 'content-encoding': 'gzip' })
      expect(res.status).toBe(413)
      await t.flush()
      expect(await idsStored('interface_calls', 'bomb-')).toBe(0)
    })
  })

  describe('rare characters', () => {
    const names = ['𠮷野家', '龘', '王😀', '䶮𡒄堃', 'Zoë Ångström', '\u{1F9D1}\u{200D}\u{1F373}']
    it('stores and returns names outside the basic plane byte-exact', async () => {
      const events = names.map((name, i) => orderEvent(200 + i, { event_id: `rare-${i}`, consignee_name: name, consignee_address: `浙江省杭州市${name}路1号` }))
      expect((await t.ingest('orders', ndjson(events))).body.accepted).toBe(names.length)
      await t.flush()
      const rows = await t.store.query<{ event_id: string; consignee_name: string; consignee_address: string }>(
        'SELECT event_id, consignee_name, consignee_address FROM order_events WHERE startsWith(event_id, {p:String}) ORDER BY event_id',
        { p: 'rare-' },
      )
      expect(rows).toHaveLength(names.length)
      for (const row of rows) {
        const i = Number(row.event_id.slice(5))
        expect(Buffer.from(row.consignee_name, 'utf8').equals(Buffer.from(names[i]!, 'utf8'))).toBe(true)
        expect(row.consignee_address).toBe(`浙江省杭州市${names[i]}路1号`)
      }
    })

    it('rejects a line that is not UTF-8 (a GBK client) instead of mangling it', async () => {
      const good = Buffer.from(ndjson([orderEvent(300, { event_id: 'gbk-ok' })]))
      const gbkName = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]) // 张三 in GBK
      const bad = Buffer.concat([Buffer.from(JSON.stringify(orderEvent(301, { event_id: 'gbk-bad' })).replace('张301', '@@@@').split('@@@@')[0]!), gbkName, Buffer.from(JSON.stringify(orderEvent(301)).split('张301')[1]! + '\n')])
      const res = await t.ingest('orders', Buffer.concat([good, bad]))
      expect(res.body).toMatchObject({ accepted: 1, rejected: 1 })
      expect(res.body.errors[0]).toMatchObject({ line: 2, code: 'malformed_json' })
      expect(res.body.errors[0].reason).toMatch(/UTF-8/)
    })
  })

  describe('idempotency', () => {
    it('stores a retried batch once and reports the retry as duplicates', async () => {
      const body = ndjson(Array.from({ length: 20 }, (_, i) => callEvent(i, { event_id: `retry-${i}` })))
      const first = await t.ingest('calls', body)
      const second = await t.ingest('calls', body)
      expect(first.body).toMatchObject({ accepted: 20, duplicates: 0 })
      expect(second.body).toMatchObject({ accepted: 0, duplicates: 20 })
      await t.flush()
      expect(await idsStored('interface_calls', 'retry-')).toBe(20)
    })

    it('derives the same id for an event sent twice without one', async () => {
      const event = { ...callEvent(900, { endpoint: '/idless' }), event_id: undefined }
      await t.ingest('calls', ndjson([event]))
      const again = await t.ingest('calls', ndjson([event]))
      expect(again.body.duplicates).toBe(1)
      await t.flush()
      const [row] = await t.store.query<{ n: string }>("SELECT count() AS n FROM interface_calls WHERE endpoint = '/idless'")
      expect(Number(row!.n)).toBe(1)
    })
  })

  describe('rollups and current state', () => {
    it('keeps calls_per_minute in agreement with the raw calls', async () => {
      const events = Array.from({ length: 150 }, (_, i) => callEvent(i, { event_id: `roll-${i}`, endpoint: '/rollup', http_status: i % 10 === 0 ? 403 : 200 }))
      expect((await t.ingest('calls', ndjson(events))).body.accepted).toBe(150)
      await t.flush()
      const raw = await t.store.query<{ status_class: string; client_ip: string; n: string }>(
        "SELECT status_class, client_ip, count() AS n FROM interface_calls WHERE endpoint = '/rollup' GROUP BY status_class, client_ip ORDER BY status_class, client_ip",
      )
      const rolled = await t.store.query<{ status_class: string; client_ip: string; n: string }>(
        "SELECT status_class, client_ip, sum(calls) AS n FROM calls_per_minute WHERE endpoint = '/rollup' GROUP BY status_class, client_ip ORDER BY status_class, client_ip",
      )
      expect(rolled).toEqual(raw)
      expect(raw.some((r) => r.status_class === '4xx')).toBe(true)
      const [q] = await t.store.query<{ p: number[] }>("SELECT quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(latency_digest) AS p FROM calls_per_minute WHERE endpoint = '/rollup'")
      expect(q!.p[0]).toBeGreaterThanOrEqual(20)
      expect(q!.p[3]).toBeLessThanOrEqual(50)
    })

    it('keeps the latest state per order and system in order_state', async () => {
      const base = orderEvent(400, { order_id: 'state-order' })
      await t.ingest('orders', ndjson([
        { ...base, event_id: 'st-1', system: 'oms', state: 'paid', event_time: '2026-11-11T08:00:00+08:00' },
        { ...base, event_id: 'st-3', system: 'oms', state: 'allocated', event_time: '2026-11-11T09:00:00+08:00' },
        { ...base, event_id: 'st-2', system: 'oms', state: 'stock_locked', event_time: '2026-11-11T08:30:00+08:00' },
        { ...base, event_id: 'st-4', system: 'wms', state: 'picked_up', event_time: '2026-11-11T10:00:00+08:00' },
      ]))
      await t.flush()
      const rows = await t.store.query<{ system: string; state: string }>('SELECT system, state FROM order_state FINAL WHERE order_id = {id:String} ORDER BY system', { id: 'state-order' })
      expect(rows).toEqual([
        { system: 'oms', state: 'allocated' },
        { system: 'wms', state: 'picked_up' },
      ])
    })
  })

  describe('operations', () => {
    it('answers /healthz, /readyz and /metrics', async () => {
      await t.ingest('calls', ndjson([callEvent(1, { event_id: 'ops-1' }), { bad: 1 }]))
      await t.flush()
      expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200)
      const ready = await t.app.inject({ url: '/readyz' })
      expect(ready.statusCode).toBe(200)
      expect(ready.json()).toMatchObject({ status: 'ready', clickhouse: 'up', clickhouse_mode: 'embedded', journal_bytes: 0 })
      const metrics = (await t.app.inject({ url: '/metrics' })).body
      expect(metrics).toMatch(/orderlens_ingest_rows_total\{kind="calls",source="wms",outcome="accepted"\} \d+/)
      expect(metrics).toMatch(/orderlens_ingest_rejected_rows_total\{kind="calls",source="wms",reason="schema"\} \d+/)
      expect(metrics).toMatch(/orderlens_clickhouse_insert_seconds_count\{table="interface_calls"\} [1-9]/)
      expect(metrics).toMatch(/orderlens_journal_bytes 0/)
      expect(metrics).toMatch(/orderlens_journal_oldest_age_seconds 0/)
      expect(readdirSync(path.join(config.dataDir, 'journal', 'calls')).filter((f) => f.endsWith('.seg'))).toEqual([])
    })

    it('serves the ingest contracts as JSON Schema and an OpenAPI document', async () => {
      const schema = (await t.app.inject({ url: '/api/v1/schema' })).json()
      expect(Object.keys(schema.kinds)).toEqual(['orders', 'calls', 'jobs', 'queues', 'queries'])
      expect(schema.kinds.calls.schema.required).toEqual(expect.arrayContaining(['ts', 'source_system', 'target_system', 'endpoint', 'http_status']))
      const openapi = (await t.app.inject({ url: '/api/v1/openapi.json' })).json()
      expect(Object.keys(openapi.paths)).toContain('/api/v1/ingest/orders')
    })

    it('applies migrations once and retention from configuration', async () => {
      const again = await migrate(t.store)
      expect(again.applied).toEqual([])
      const recorded = await t.store.query<{ name: string }>('SELECT name FROM schema_migrations FINAL ORDER BY version')
      expect(recorded.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name))
      await applyRetention(t.store, { eventsDays: 33, rollupsDays: 99 })
      const [events] = await t.store.query<{ engine_full: string }>("SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'interface_calls'")
      const [rollup] = await t.store.query<{ engine_full: string }>("SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'calls_per_minute'")
      expect(events!.engine_full).toMatch(/toIntervalDay\(33\)/)
      expect(rollup!.engine_full).toMatch(/toIntervalDay\(99\)/)
    })
  })
})
