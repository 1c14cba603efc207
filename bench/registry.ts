export interface BenchFlags {
  json?: boolean
  events?: number
  connections?: number
  batch?: number
}

type Bench = (flags: BenchFlags) => Promise<void>

/** Benchmarks by name; each prints figures and ratios (and JSON with --json). */
export const BENCHMARKS: Record<string, () => Promise<Bench>> = {
  ingest: async () => (await import('./ingest/index.ts')).ingestBench,
  // --events here is the number of simulated days.
  simulate: async () => (await import('./simulate/index.ts')).simulateBench,
  attribution: async () => (await import('./attribution/index.ts')).attributionBench,
  // --data DIR keeps/reuses the 10M-event store; --days and --orders-per-day size it.
  // --events here is the company's orders per day.
  // --events here is the company's orders per day.
  alerts: async () => (await import('./alerts/index.ts')).alertsBench,
  detectors: async () => (await import('./detectors/index.ts')).detectorsBench,
  analyzer: async () => (await import('./analyzer/index.ts')).analyzerBench,
  anomaly: async () => (await import('./anomaly/index.ts')).anomalyBench,
  tickets: async () => (await import('./tickets/index.ts')).ticketsBench,
  console: async () => (await import('./console/index.ts')).consoleBench,
  sync: async () => (await import('./sync/index.ts')).syncBench,
  // --data DIR: the analyzer benchmark's store, read only.
  cockpit: async () => (await import('./cockpit/index.ts')).cockpitBench,
}

export async function runBench(name: string, flags: BenchFlags): Promise<void> {
  const load = BENCHMARKS[name]
  if (!load) {
    console.error(`unknown benchmark '${name}'; known: ${Object.keys(BENCHMARKS).join(', ')}`)
    process.exitCode = 2
    return
  }
  await (await load())(flags)
}
