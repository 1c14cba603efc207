import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVENT_KINDS, encodeRow, type StorageRow } from '../core/contracts/index.ts'
import { openStore, type Store } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import { startTestApp, type TestApp } from './helpers/app.ts'
import { testConfig } from './helpers/config.ts'
import { callEvent, ndjson } from './helpers/events.ts'
import { makeBatches, send, type Batch } from './helpers/sender.ts'

const countIds = async (store: Store, ids: string[]) =>
  Number((await store.query<{ n: string }>('SELECT count() AS n FROM interface_calls WHERE event_id IN {ids:Array(String)}', { ids }))[0]!.n)

const doubledIds = (store: Store) => store.query<{ event_id: string }>('SELECT event_id FROM interface_calls GROUP BY event_id HAVING count() > 1 LIMIT 5')

/**
 * ClickHouse unavailable: the collector keeps accepting into its journal up
 * to the disk bound, then answers 503 with Retry-After; the journal is
 * replayed on recovery and on restart with nothing lost and nothing doubled.
 */
describe('ClickHouse outage', () => {
  // One embedded engine per test process: every part of this file shares this data directory.
  const config = testConfig({
    journal: { maxBytes: 400_000, segmentMaxAgeMs: 50, retryBackoffMaxMs: 200, shutdownDrainMs: 300 },
  })
  let store: Store

  beforeAll(() => {
    store = openStore(config)
  })
  afterAll(async () => {
    await store.close()
  })

  it('journals while ClickHouse is unreachable, refuses past the disk bound, and replays on restart', async () => {
    // A ClickHouse server that is not there: connection refused on every call.
    const unreachable = { ...config, clickhouse: { ...config.clickhouse, url: 'http://127.0.0.1:9' } }
    const down = await buildApp({ config: unreachable })
    const url = await down.listen({ port: 0, host: '127.0.0.1' })
    const acked: Batch[] = []
    let refusal: Awaited<ReturnType<typeof send>> | undefined
    for (const batch of makeBatches(40, 200, 'outage')) {
      const result = await send(url, batch)
      if (result.outcome === 'acked') acked.push(batch)
      else {
        refusal = result
        break
      }
    }
    const ready = await down.inject({ method: 'GET', url: '/readyz' })
    await down.close()

    expect(acked.length).toBeGreaterThan(3)
    expect(refusal).toMatchObject({ outcome: 'refused', status: 503 })
    expect(Number(refusal!.retryAfter)).toBeGreaterThan(0)
    // Within 5% of the bound the collector reports itself unready; either way ClickHouse shows as down.
    const readiness = ready.json()
    expect(readiness).toMatchObject({ clickhouse: 'down', clickhouse_mode: 'server' })
    expect(readiness.journal_bytes).toBeGreaterThan(config.journal.maxBytes * 0.5)
    expect(ready.statusCode).toBe(readiness.status === 'journal_full' ? 503 : 200)

    // ClickHouse is back (here: the embedded engine on the same journal). The restart replays.
    const app = await startTestApp(config, store)
    try {
      await app.flush()
      const ids = acked.flatMap((b) => b.ids)
      expect(await countIds(store, ids)).toBe(ids.length)
      expect(await doubledIds(store)).toEqual([])
      // Clients that never saw their acks retry after recovery: recognised, not stored again.
      for (const batch of acked.slice(0, 3)) {
        const res = await app.ingest('calls', batch.body)
        expect(res.body).toMatchObject({ accepted: 0, duplicates: batch.ids.length })
      }
      await app.flush()
      expect(await countIds(store, ids)).toBe(ids.length)
    } finally {
      await app.app.close()
    }
  })

  it('keeps accepting while inserts fail and catches up when ClickHouse recovers, without a restart', async () => {
    const app = await startTestApp(config, store)
    try {
      await store.command('DETACH TABLE interface_calls')
      const rows = Array.from({ length: 300 }, (_, i) => callEvent(i, { event_id: `recover-${i}` }))
      const res = await app.ingest('calls', ndjson(rows))
      expect(res.body.accepted).toBe(300)
      await expect.poll(async () => metricValue(app, 'orderlens_clickhouse_errors_total{table="interface_calls"}'), { timeout: 10_000 }).toBeGreaterThan(0)
      const degraded = await app.app.inject({ method: 'GET', url: '/readyz' })
      expect(degraded.json()).toMatchObject({ status: 'degraded', clickhouse: 'down' })
      expect(app.app.collector.journal.bytes).toBeGreaterThan(0)

      await store.command('ATTACH TABLE interface_calls')
      await app.flush()
      expect(await countIds(store, rows.map((r) => r.event_id!))).toBe(300)
      expect(await doubledIds(store)).toEqual([])
    } finally {
      await app.app.close()
    }
  })

  it('drops a replayed segment that ClickHouse already holds (crash between insert and trim)', async () => {
    // What a crash leaves when it lands after ClickHouse confirmed a segment but before the file was deleted.
    const rows = Array.from({ length: 50 }, (_, i) => callEvent(i, { event_id: `inserted-not-trimmed-${i}` }))
    const app = await startTestApp(config, store)
    await app.ingest('calls', ndjson(rows))
    await app.flush()
    await app.app.close()
    const name = 'crashed-segment-0001'
    const kind = EVENT_KINDS.calls
    const stored = await store.query<StorageRow>('SELECT * FROM interface_calls WHERE startsWith(event_id, {p:String}) ORDER BY event_id', { p: 'inserted-not-trimmed-' })
    const text = stored.map((r) => encodeRow(kind, r)).join('\n') + '\n'
    await store.command('TRUNCATE TABLE interface_calls')
    await store.command('TRUNCATE TABLE calls_per_minute')
    await store.insertRows(kind.table, kind.columns, text, name)
    const dir = path.join(config.dataDir, 'journal', 'calls')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, `${name}.seg`), text)

    const restarted = await startTestApp(config, store)
    try {
      await restarted.flush()
      expect(await countIds(store, rows.map((r) => r.event_id!))).toBe(50)
      const [rollup] = await store.query<{ calls: string }>('SELECT sum(calls) AS calls FROM calls_per_minute')
      expect(Number(rollup!.calls)).toBe(50)
    } finally {
      await restarted.app.close()
    }
  })
})

async function metricValue(app: TestApp, series: string): Promise<number> {
  const text = (await app.app.inject({ method: 'GET', url: '/metrics' })).body
  const line = text.split('\n').find((l) => l.startsWith(series))
  return line ? Number(line.split(' ').pop()) : 0
}
