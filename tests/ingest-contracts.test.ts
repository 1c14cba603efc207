import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './helpers/app.ts'
import { testConfig } from './helpers/config.ts'
import { callEvent, customerQuery, jobRun, ndjson, orderEvent, queueSample } from './helpers/events.ts'

/** Every contract, every rejection reason, through the real server on the real embedded ClickHouse. */
describe('ingest contracts', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp(testConfig({ stateMapping: { mychan: { X1: 'paid', X2: 'in_transit' } } }))
  })
  afterAll(async () => {
    await t.close()
  })

  const count = async (table: string, prefix: string) =>
    Number((await t.store.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE startsWith(event_id, {p:String})`, { p: prefix }))[0]!.n)

  it.each([
    ['orders', 'order_events', orderEvent(1, { event_id: 'valid-order' })],
    ['calls', 'interface_calls', callEvent(1, { event_id: 'valid-call' })],
    ['jobs', 'job_runs', jobRun(1, { event_id: 'valid-job' })],
    ['queues', 'queue_samples', queueSample(1, { event_id: 'valid-queue' })],
    ['queries', 'customer_queries', customerQuery(1, { event_id: 'valid-query' })],
  ])('accepts a valid %s event and stores it in %s', async (kind, table, event) => {
    const res = await t.ingest(kind, ndjson([event]))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ accepted: 1, rejected: 0 })
    await t.flush()
    expect(await count(table, (event as { event_id: string }).event_id)).toBe(1)
  })

  const future = new Date(Date.now() + 3_600_000).toISOString()
  const cases: [string, string, unknown, { field: string | null; code: string; reason: RegExp }][] = [
    ['missing required field', 'calls', { ...callEvent(2), endpoint: undefined }, { field: '/endpoint', code: 'schema', reason: /required/ }],
    ['wrong type', 'calls', { ...callEvent(3), http_status: '200' }, { field: '/http_status', code: 'schema', reason: /integer/ }],
    ['enum out of range', 'calls', { ...callEvent(4), direction: 'sideways' }, { field: '/direction', code: 'schema', reason: /call, callback/ }],
    ['bad date-time', 'calls', { ...callEvent(5), ts: '2026-11-11 08:00:00' }, { field: '/ts', code: 'schema', reason: /RFC 3339/ }],
    ['unknown field', 'calls', { ...callEvent(6), colour: 'red' }, { field: '/colour', code: 'schema', reason: /not a field/ }],
    ['bad IP', 'calls', { ...callEvent(7), client_ip: '10.0.0.300' }, { field: '/client_ip', code: 'schema', reason: /ip/ }],
    ['future timestamp', 'calls', { ...callEvent(8), ts: future }, { field: '/ts', code: 'future_timestamp', reason: /future/ }],
    ['unmapped native state', 'orders', { ...orderEvent(9), state: undefined, native_state: 'NO_SUCH_STATE' }, { field: '/native_state', code: 'unmapped_state', reason: /NO_SUCH_STATE.*stateMapping\.douyin/ }],
    ['channel without a mapping', 'orders', { ...orderEvent(10), channel: 'nochan', state: undefined, native_state: 'X1' }, { field: '/native_state', code: 'unmapped_state', reason: /channel 'nochan' has no state mapping/ }],
    ['state contradicting the mapping', 'orders', { ...orderEvent(11), channel: 'mychan', state: 'delivered', native_state: 'X1' }, { field: '/state', code: 'state_conflict', reason: /maps to 'paid'/ }],
    ['no state at all', 'orders', { ...orderEvent(12), state: undefined }, { field: '/state', code: 'missing_state', reason: /state or native_state/ }],
    ['fingerprint input missing', 'orders', { ...orderEvent(13), order_id: undefined, buyer_id: undefined }, { field: '/buyer_id', code: 'fingerprint_input', reason: /fingerprint/ }],
    ['job finished before it started', 'jobs', { ...jobRun(14), finished_at: '2026-11-11T07:00:00+08:00' }, { field: '/finished_at', code: 'time_order', reason: /before started_at/ }],
    ['not an object', 'queues', [1, 2], { field: '/', code: 'schema', reason: /JSON object/ }],
  ]

  it.each(cases)('rejects %s with its line, field and reason', async (_name, kind, bad, expected) => {
    const good = kind === 'orders' ? orderEvent(100) : kind === 'jobs' ? jobRun(100) : kind === 'queues' ? queueSample(100) : callEvent(100)
    const res = await t.ingest(kind, ndjson([{ ...good, event_id: `ok-${_name}` }, bad]))
    expect(res.status).toBe(200)
    expect(res.body.accepted).toBe(1)
    expect(res.body.rejected).toBe(1)
    const [error] = res.body.errors
    expect(error).toMatchObject({ line: 2, index: 1, field: expected.field, code: expected.code })
    expect(error.reason).toMatch(expected.reason)
  })

  it('names a malformed NDJSON line and keeps the rest', async () => {
    const body = `${JSON.stringify(callEvent(20, { event_id: 'mal-ok-1' }))}\n{"ts": oops\n\n${JSON.stringify(callEvent(21, { event_id: 'mal-ok-2' }))}\n`
    const res = await t.ingest('calls', body)
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 })
    expect(res.body.errors[0]).toMatchObject({ line: 2, code: 'malformed_json', field: null })
    await t.flush()
    expect(await count('interface_calls', 'mal-ok-')).toBe(2)
  })

  it('answers 400 when every row is bad, and stores nothing', async () => {
    const res = await t.ingest('calls', ndjson([{ ...callEvent(30, { event_id: 'allbad-1' }), http_status: -1 }, { nope: true }]))
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ accepted: 0, rejected: 2 })
    await t.flush()
    expect(await count('interface_calls', 'allbad-')).toBe(0)
  })

  it('names the line of a broken JSON array', async () => {
    const res = await t.ingest('calls', `[\n${JSON.stringify(callEvent(40))},\n{"ts": }\n]`, { 'content-type': 'application/json' })
    expect(res.status).toBe(400)
    expect(res.body.line).toBe(3)
    expect(res.body.message).toMatch(/line 3/)
  })

  it('points rejected rows of a pretty-printed array at the line their element starts on', async () => {
    const rows = [callEvent(50, { event_id: 'arr-1' }), { ...callEvent(51, { event_id: 'arr-2' }), http_status: 'x' }, callEvent(52, { event_id: 'arr-3' })]
    const res = await t.ingest('calls', JSON.stringify(rows, null, 2), { 'content-type': 'application/json' })
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 })
    const expectedLine = JSON.stringify(rows, null, 2).split('\n').findIndex((l) => l.includes('"arr-2"')) // event_id is the element's first key
    expect(res.body.errors[0]).toMatchObject({ index: 1, line: expectedLine, field: '/http_status' })
  })

  it('stores the canonical state mapped from configuration and keeps the native one', async () => {
    const res = await t.ingest('orders', ndjson([{ ...orderEvent(60, { event_id: 'mapped-1', channel: 'mychan' }), state: undefined, native_state: 'X2' }]))
    expect(res.body.accepted).toBe(1)
    await t.flush()
    const [row] = await t.store.query<{ state: string; native_state: string }>('SELECT state, native_state FROM order_events WHERE event_id = {id:String}', { id: 'mapped-1' })
    expect(row).toEqual({ state: 'in_transit', native_state: 'X2' })
  })

  it('maps every default native state of every channel to a canonical one', async () => {
    const defaults = { taobao: 'WAIT_SELLER_SEND_GOODS', jd: 'WAIT_SELLER_STOCK_OUT', pinduoduo: '1', douyin: '105', kuaishou: '30', miniprogram: 'PAID', manual: '已付款' }
    const events = Object.entries(defaults).map(([channel, native], i) => ({ ...orderEvent(70 + i, { event_id: `dflt-${channel}`, channel }), state: undefined, native_state: native }))
    const res = await t.ingest('orders', ndjson(events))
    expect(res.body).toMatchObject({ accepted: events.length, rejected: 0 })
    await t.flush()
    const states = await t.store.query<{ state: string }>('SELECT DISTINCT state FROM order_events WHERE startsWith(event_id, {p:String})', { p: 'dflt-' })
    expect(states).toEqual([{ state: 'paid' }])
  })
})
