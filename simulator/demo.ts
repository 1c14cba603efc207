import type { KindName } from '../core/contracts/index.ts'
import type { Config } from '../core/config/index.ts'
import type { Store } from '../core/store/index.ts'
import { simulate } from './engine.ts'
import type { FaultSpec } from './faults.ts'
import { storeSink } from './sinks/store-sink.ts'
import type { Sink } from './sink.ts'
import { saveTruth } from './truth-store.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** Busy enough that something happens every second, even at night. */
const DEMO_COMPANY = { ordersPerDay: 60_000 }

/** The demo's rotation: every failure story in turn, each on a scope that makes it visible. */
const CATALOGUE: Omit<FaultSpec, 'start'>[] = [
  { scenario: 'ip_whitelist', durationMs: 8 * MIN, intensity: 1, scope: { client_ip: '10.8.1.21', endpoint: '/callback/shipment' } },
  { scenario: 'throttling', durationMs: 6 * MIN, intensity: 0.7, scope: { target_system: 'jd_api' } },
  { scenario: 'traffic_surge', durationMs: 5 * MIN, intensity: 1, scope: { channel: 'douyin' } },
  { scenario: 'stopped_job', durationMs: 15 * MIN, intensity: 1, scope: { job: 'pinduoduo_order_import' } },
  { scenario: 'queue_backlog', durationMs: 10 * MIN, intensity: 1, scope: { queue: 'oms-to-wms' } },
  { scenario: 'encoding', durationMs: 10 * MIN, intensity: 1, scope: { channel: 'douyin' } },
  { scenario: 'presale_receiver', durationMs: 10 * MIN, intensity: 1, scope: { endpoint: '/callback/presale/balance' } },
  { scenario: 'status_desync', durationMs: 10 * MIN, intensity: 0.5, scope: { warehouse: 'wh-guangzhou' } },
  { scenario: 'manual_duplicates', durationMs: 10 * MIN, intensity: 0.8, scope: { channel: 'manual' } },
  { scenario: 'stalled_tracking', durationMs: 10 * MIN, intensity: 1, scope: { carrier: 'zto' } },
]

/** One fault starting every `everyMs` from `from`, cycling through the catalogue, for a day. */
export function demoFaults(from: number, everyMs = 4 * MIN): FaultSpec[] {
  const faults: FaultSpec[] = []
  for (let t = from + MIN, i = 0; t < from + DAY; t += everyMs, i++) faults.push({ ...CATALOGUE[i % CATALOGUE.length]!, start: t })
  return faults
}

export interface DemoOptions {
  config: Config
  store: Store
  /** The collector's own ingest path, so the demo exercises what real sources would. */
  ingest(kind: KindName, body: Buffer): Promise<unknown>
  signal: AbortSignal
  onError(err: Error): void
  seed?: number
}

/**
 * `orderlens start --demo`: six hours of history straight into the store,
 * then a live stream through the collector, day after day, with a failure
 * story starting every few minutes; each fault's ground truth lands in
 * fault_labels when it ends.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const seed = options.seed ?? 20261111
  const now = Date.now()
  const runId = `demo-${new Date(now).toISOString()}`
  await simulate({ seed, from: now - 6 * HOUR, to: now, company: DEMO_COMPANY, sink: storeSink(options.store, options.config, `${runId}-history`), signal: options.signal })
  const live: Sink = {
    write: async (kind, events) => void (await options.ingest(kind, Buffer.from(events.map((e) => JSON.stringify(e)).join('\n')))),
    close: async () => undefined,
  }
  for (let day = 0; !options.signal.aborted; day++) {
    const from = Date.now()
    try {
      await simulate({
        seed: seed + day + 1,
        company: DEMO_COMPANY,
        from,
        to: from + DAY,
        faults: demoFaults(from),
        sink: live,
        pace: 1,
        signal: options.signal,
        onFaultEnded: (label) => saveTruth([label], runId, { store: options.store }),
      })
    } catch (err) {
      if (!options.signal.aborted) options.onError(err as Error)
      return
    }
  }
}
