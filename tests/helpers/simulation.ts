import { createHash } from 'node:crypto'
import type { KindName } from '../../core/contracts/index.ts'
import type { Config } from '../../core/config/index.ts'
import { migrate, openStore, type Store } from '../../core/store/index.ts'
import { saveTruth, simulate, storeSink, type FaultSpec, type Sink, type SimulationResult } from '../../simulator/index.ts'

/** Collects every event in memory, for determinism checks. */
export function memorySink(): Sink & { events: Map<KindName, object[]>; digest(): Record<string, string> } {
  const events = new Map<KindName, object[]>()
  return {
    events,
    async write(kind, batch) {
      events.set(kind, [...(events.get(kind) ?? []), ...batch])
    },
    async close() {},
    digest() {
      return Object.fromEntries([...events].map(([k, v]) => [k, createHash('sha256').update(JSON.stringify(v)).digest('hex')]))
    },
  }
}

/** Runs a simulation into the embedded store and saves its ground truth there. */
export async function simulateIntoStore(config: Config, options: { seed: number; from: number; to: number; ordersPerDay: number; faults?: FaultSpec[] }): Promise<{ store: Store; result: SimulationResult }> {
  const store = openStore(config)
  await migrate(store)
  const sink = storeSink(store, config, `test-${options.seed}`)
  const result = await simulate({ seed: options.seed, from: options.from, to: options.to, company: { ordersPerDay: options.ordersPerDay }, faults: options.faults ?? [], sink })
  await sink.close()
  await saveTruth(result.truth, `test-${options.seed}`, { store })
  return { store, result }
}

export async function one<T>(store: Store, sql: string, params?: Record<string, unknown>): Promise<T> {
  return (await store.query<T>(sql, params))[0]!
}

export const num = (v: unknown) => Number(v)
