import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CANONICAL_STATES } from '../core/contracts/lifecycle.ts'
import { listMigrations, migrate, openStore, type Store } from '../core/store/index.ts'
import { testConfig } from './helpers/config.ts'

const MIGRATION = new URL('../core/store/migrations/013_order_facts_latest_states.sql', import.meta.url)
const number = (state: string) => CANONICAL_STATES.indexOf(state as (typeof CANONICAL_STATES)[number]) + 1

/** Each order's latest state number per system and its first moment, as the KPIs read order_facts. */
const facts = (store: Store) =>
  store.query<{ order_id: string; channel: string; first: string; ch: number; oms: number; wms: number; tms: number }>(
    `SELECT order_id, any(channel) AS channel, toString(min(first_at)) AS first,
       toUInt8(bitAnd(max(channel_latest), 255)) AS ch, toUInt8(bitAnd(max(oms_latest), 255)) AS oms,
       toUInt8(bitAnd(max(wms_latest), 255)) AS wms, toUInt8(bitAnd(max(tms_latest), 255)) AS tms
     FROM order_facts GROUP BY order_id ORDER BY order_id`,
  )

const insertEvents = (store: Store, rows: [order: string, system: string, state: string, time: string][]) =>
  store.insertRows(
    'order_events',
    ['event_id', 'order_id', 'channel', 'system', 'state', 'event_time'],
    rows.map(([order, system, state, time]) => JSON.stringify([`${order}-${system}-${state}`, order, 'douyin', system, state, time])).join('\n'),
  )

describe('order_facts keeps each system’s latest state as a number (migration 013)', () => {
  let store: Store
  beforeAll(async () => {
    store = openStore(testConfig())
    // A store as it stood before the migration, holding events already.
    await migrate(store, listMigrations().filter((m) => m.version < 13))
    await insertEvents(store, [
      ['A', 'channel', 'paid', '2026-11-11 01:00:00'],
      ['A', 'oms', 'paid', '2026-11-11 01:00:01'],
      ['A', 'oms', 'stock_locked', '2026-11-11 01:05:00'],
      ['B', 'wms', 'packed', '2026-11-11 02:00:00'],
      ['B', 'wms', 'allocated', '2026-11-11 01:50:00'],
    ])
    await migrate(store)
  }, 60_000)
  afterAll(() => store?.close())

  it('lists the canonical lifecycle in order, so a state’s number is its place in CANONICAL_STATES', () => {
    const arrays = [...readFileSync(MIGRATION, 'utf8').matchAll(/\[('created'[^\]]*)\]/g)].map((m) => m[1]!.split(',').map((s) => s.trim().replace(/'/g, '')))
    expect(arrays).toHaveLength(2)
    for (const states of arrays) expect(states).toEqual([...CANONICAL_STATES])
  })

  it('fills the numbers for the events stored before it, keeping the other facts', async () => {
    expect(await facts(store)).toEqual([
      { order_id: 'A', channel: 'douyin', first: '2026-11-11 01:00:00.000', ch: number('paid'), oms: number('stock_locked'), wms: 0, tms: 0 },
      // The newest event wins, not the furthest state.
      { order_id: 'B', channel: 'douyin', first: '2026-11-11 01:50:00.000', ch: 0, oms: 0, wms: number('packed'), tms: 0 },
    ])
  })

  it('keeps them up to date from events stored after it', async () => {
    await insertEvents(store, [
      ['A', 'tms', 'picked_up', '2026-11-11 05:00:00'],
      ['A', 'oms', 'cancelled', '2026-11-11 06:00:00'],
      ['A', 'oms', 'created', '2026-11-11 00:59:00'],
    ])
    const [a] = await facts(store)
    expect(a).toMatchObject({ first: '2026-11-11 00:59:00.000', oms: number('cancelled'), tms: number('picked_up'), ch: number('paid') })
  })
})
