import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore } from '../../core/store/index.ts'
import { simulate, storeSink, type Sink } from '../../simulator/index.ts'
import type { BenchFlags } from '../registry.ts'

const DAY = 86_400_000

/**
 * Backfill speed: `days` of a 20,000-orders-a-day company generated (a) into
 * nothing (the generator alone) and (b) straight into the embedded store.
 */
export async function simulateBench(flags: BenchFlags): Promise<void> {
  const days = flags.events ?? 3
  const from = Date.parse('2026-11-01T00:00:00+08:00')
  const span = { seed: 42, from, to: from + days * DAY, company: { ordersPerDay: 20_000 } }

  let generated = 0
  const nothing: Sink = { write: async (_k, e) => void (generated += e.length), close: async () => undefined }
  let t = performance.now()
  await simulate({ ...span, sink: nothing })
  const generateSeconds = (performance.now() - t) / 1000

  const work = mkdtempSync(path.join(tmpdir(), 'orderlens-simbench-'))
  const config = loadConfig({ env: {}, overrides: { dataDir: work } })
  const store = openStore(config)
  try {
    await migrate(store)
    t = performance.now()
    const sink = storeSink(store, config, 'bench')
    const result = await simulate({ ...span, sink })
    await sink.close()
    const storeSeconds = (performance.now() - t) / 1000
    const [stored] = await store.query<{ n: string }>(
      'SELECT (SELECT count() FROM order_events) + (SELECT count() FROM interface_calls) + (SELECT count() FROM job_runs) + (SELECT count() FROM queue_samples) + (SELECT count() FROM customer_queries) AS n',
    )
    const out = {
      days,
      ordersPerDay: 20_000,
      orders: result.orders,
      events: generated,
      generatedEventsPerSecond: Math.round(generated / generateSeconds),
      storedEventsPerSecond: Math.round(generated / storeSeconds),
      storedRows: Number(stored!.n),
      storeSeconds: Number(storeSeconds.toFixed(2)),
      projected30DaysMinutes: Number(((storeSeconds / days) * 30 / 60).toFixed(1)),
    }
    if (flags.json) console.log(JSON.stringify(out, null, 2))
    else {
      console.log(`simulate benchmark: ${days} day(s) of a 20,000-orders-a-day company, ${generated.toLocaleString()} events, ${result.orders.toLocaleString()} orders`)
      console.log(`  generate only         : ${out.generatedEventsPerSecond.toLocaleString()} events/s`)
      console.log(`  generate + store      : ${out.storedEventsPerSecond.toLocaleString()} events/s (${out.storeSeconds}s; ${out.storedRows.toLocaleString()} rows stored)`)
      console.log(`  30 days would take    : ${out.projected30DaysMinutes} min`)
    }
  } finally {
    await store.close()
    rmSync(work, { recursive: true, force: true })
  }
}
