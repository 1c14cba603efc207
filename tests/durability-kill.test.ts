import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../core/store/index.ts'
import { spawnServer, type ServerProcess } from '../testkit/server-process.ts'
import { TOKENS, tempDir, testConfig } from './helpers/config.ts'
import { makeBatches, send, type Batch } from './helpers/sender.ts'

/**
 * The crash path: a collector process is SIGKILLed while clients push and
 * while it inserts into ClickHouse; after a restart every acknowledged event
 * is stored exactly once, and client retries of unanswered batches do not
 * double anything.
 */
describe('collector killed with SIGKILL mid-load', () => {
  const dataDir = tempDir('orderlens-kill-')
  const configFile = path.join(dataDir, 'orderlens.yml')
  // Small segments so inserts into ClickHouse are constantly in flight when the kill lands.
  writeFileSync(configFile, 'journal:\n  segmentMaxRows: 1500\n  segmentMaxAgeMs: 50\n')
  const env = { ORDERLENS_TOKENS: `wms:${TOKENS.wms}` }
  let server: ServerProcess | undefined

  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.kill()
  })

  it('keeps every acknowledged event exactly once', async () => {
    server = await spawnServer({ dataDir, configFile, env })
    const batches = makeBatches(240, 500)
    const acked: Batch[] = []
    const unanswered: Batch[] = []
    let next = 0
    let killed = false

    const worker = async (url: string) => {
      while (next < batches.length && !killed) {
        const batch = batches[next++]!
        const { outcome } = await send(url, batch)
        if (outcome === 'acked') acked.push(batch)
        else unanswered.push(batch)
      }
    }
    const url = server.url
    const load = Promise.all(Array.from({ length: 4 }, () => worker(url)))
    while (acked.length < 60) await new Promise((r) => setTimeout(r, 5))
    killed = true
    expect(await server.kill()).toBe('SIGKILL')
    await load
    expect(acked.length).toBeGreaterThanOrEqual(60)

    // Restart on the same data; the journal is replayed. Clients retry what got no answer,
    // and one acknowledged batch is sent again as a client that missed the ack would.
    server = await spawnServer({ dataDir, configFile, env })
    for (const batch of [...unanswered, acked[0]!]) {
      const { outcome } = await send(server.url, batch)
      expect(outcome).toBe('acked')
    }
    expect(await server.stop()).toBe(0)

    const config = testConfig({ dataDir })
    const store = openStore(config)
    try {
      const ackedIds = acked.flatMap((b) => b.ids)
      const [present] = await store.query<{ n: string }>('SELECT count() AS n FROM interface_calls WHERE event_id IN {ids:Array(String)}', { ids: ackedIds })
      expect(Number(present!.n)).toBe(ackedIds.length)
      const doubled = await store.query<{ event_id: string }>('SELECT event_id FROM interface_calls GROUP BY event_id HAVING count() > 1 LIMIT 5')
      expect(doubled).toEqual([])
      const retriedIds = unanswered.flatMap((b) => b.ids)
      const [retried] = await store.query<{ n: string }>('SELECT count() AS n FROM interface_calls WHERE event_id IN {ids:Array(String)}', { ids: retriedIds })
      expect(Number(retried!.n)).toBe(retriedIds.length)
      // The per-minute rollup saw each event once too.
      const [rollup] = await store.query<{ calls: string; raw: string }>(
        'SELECT (SELECT sum(calls) FROM calls_per_minute) AS calls, (SELECT count() FROM interface_calls) AS raw',
      )
      expect(rollup!.calls).toBe(rollup!.raw)
    } finally {
      await store.close()
    }
  })
})
