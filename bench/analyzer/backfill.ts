import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../../core/config/index.ts'
import { migrate, type Store } from '../../core/store/index.ts'
import { saveTruth, simulate, storeSink, type FaultSpec } from '../../simulator/index.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface BackfillPlan {
  seed: number
  days: number
  ordersPerDay: number
  /** Start of the first simulated day (China midnight). */
  from: number
}

export interface BackfillInfo extends BackfillPlan {
  to: number
  storedEvents: number
  orders: number
  /** Wall-clock seconds the backfill took (from the run that built the data dir). */
  seconds: number
  faults: FaultSpec[]
}

/**
 * A few failure stories on the last day, so the detector pass and the KPIs
 * measured on that day work on a store that has something to find.
 */
export function lastDayFaults(plan: BackfillPlan): FaultSpec[] {
  const day = plan.from + (plan.days - 1) * DAY
  return [
    { scenario: 'throttling', start: day + 13 * HOUR, durationMs: HOUR, intensity: 0.6, scope: { target_system: 'jd_api' } },
    { scenario: 'queue_backlog', start: day + 12 * HOUR, durationMs: 2 * HOUR, intensity: 1, scope: { warehouse: 'wh-beijing' } },
    { scenario: 'manual_duplicates', start: day, durationMs: DAY, intensity: 0.8, scope: { channel: 'manual' } },
    { scenario: 'ip_whitelist', start: day + 12 * HOUR + 30 * 60_000, durationMs: 2 * HOUR, intensity: 1, scope: { client_ip: '10.8.1.21', endpoint: '/callback/shipment' } },
  ]
}

const META = 'bench-analyzer.json'

/** What an earlier run left in `dataDir`, when it finished its backfill. */
export function readBackfillInfo(dataDir: string): BackfillInfo | undefined {
  const file = path.join(dataDir, META)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BackfillInfo) : undefined
}

/** Every stored event of every kind (the 10-million figure counts these). */
export async function countStoredEvents(store: Store): Promise<number> {
  const [row] = await store.query<{ n: string }>(
    `SELECT (SELECT count() FROM order_events) + (SELECT count() FROM interface_calls) + (SELECT count() FROM job_runs)
          + (SELECT count() FROM queue_samples) + (SELECT count() FROM customer_queries) AS n`,
  )
  return Number(row!.n)
}

/** Simulates the plan into the store, timing it, and records the result next to the data. */
export async function backfill(store: Store, config: Config, plan: BackfillPlan, log: (line: string) => void): Promise<BackfillInfo> {
  await migrate(store)
  const to = plan.from + plan.days * DAY
  const faults = lastDayFaults(plan)
  const started = performance.now()
  const sink = storeSink(store, config, `bench-analyzer-${plan.seed}`)
  let lastLog = 0
  const result = await simulate({
    seed: plan.seed,
    from: plan.from,
    to,
    company: { ordersPerDay: plan.ordersPerDay },
    faults,
    sink: {
      async write(kind, events) {
        await sink.write(kind, events)
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now()
          log(`  backfill: ${((performance.now() - started) / 1000).toFixed(0)} s …`)
        }
      },
      close: () => sink.close(),
    },
  })
  await sink.close()
  await saveTruth(result.truth, `bench-analyzer-${plan.seed}`, { store })
  const seconds = (performance.now() - started) / 1000
  const info: BackfillInfo = { ...plan, to, storedEvents: await countStoredEvents(store), orders: result.orders, seconds: Number(seconds.toFixed(1)), faults }
  writeFileSync(path.join(config.dataDir, META), JSON.stringify(info, null, 2))
  return info
}
