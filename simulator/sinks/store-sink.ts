import { EVENT_KINDS, encodeRow, type KindName } from '../../core/contracts/index.ts'
import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import type { Sink } from '../sink.ts'

/**
 * Backfill straight into the store: the same contract → row conversion the
 * collector applies, then one insert per batch. Tokens make a re-run of the
 * same seed a no-op rather than a double.
 */
export function storeSink(store: Store, config: Config, runId: string, maxInFlight = 2): Sink {
  let batch = 0
  // Inserts run in the engine's threads; keeping one in flight while the next batch is generated uses both cores.
  const inFlight = new Set<Promise<void>>()
  return {
    async write(kind: KindName, events: object[]) {
      const k = EVENT_KINDS[kind]
      const now = Date.now()
      const ctx = { stateMapping: config.stateMapping, latestAcceptedMs: Number.MAX_SAFE_INTEGER, source: 'simulator', ingestedAtMs: now }
      const lines: string[] = []
      for (const e of events) {
        const r = k.toRow(e as never, ctx)
        if (!r.ok) throw new Error(`simulator produced an invalid ${kind} event (${r.field}: ${r.reason}): ${JSON.stringify(e).slice(0, 300)}`)
        lines.push(encodeRow(k, r.row))
      }
      const insert = store.insertRows(k.table, k.columns, lines.join('\n') + '\n', `${runId}-${kind}-${batch++}`)
      const tracked = insert.finally(() => inFlight.delete(tracked))
      inFlight.add(tracked)
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight)
    },
    async close() {
      await Promise.all(inFlight)
    },
  }
}
