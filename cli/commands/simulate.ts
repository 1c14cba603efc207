import path from 'node:path'
import type { Command } from 'commander'
import { readFileSync } from 'node:fs'
import ms from 'ms'
import { parse } from 'yaml'
import { migrate, openStore, type Store } from '../../core/store/index.ts'
import { httpSink, ndjsonSink, parseFault, saveTruth, simulate, storeSink, type CompanyProfile, type FaultSpec, type Sink } from '../../simulator/index.ts'
import { configFromFlags, withConfigFlags, type CommonFlags } from '../options.ts'

interface SimulateFlags extends CommonFlags {
  seed: string
  days?: string
  from?: string
  to?: string
  duration?: string
  ordersPerDay?: string
  fault: string[]
  out?: string
  url?: string
  token?: string
  live?: boolean
  speed?: string
  truth?: string
  company?: string
}

export function registerSimulate(program: Command): void {
  withConfigFlags(
    program
      .command('simulate')
      .description('generate realistic order traffic with injectable failure stories: backfill into the store (default), write NDJSON files, or stream to a collector')
      .option('--seed <n>', 'random seed; the same seed gives the same traffic', '1')
      .option('--days <n>', 'backfill: this many days ending now (default 1)')
      .option('--from <iso>', 'start of the simulated span')
      .option('--to <iso>', 'end of the simulated span')
      .option('--duration <d>', 'length of a live stream, e.g. 30m, 2h (default 1h)')
      .option('--orders-per-day <n>', 'company size (default 20000)')
      .option('--company <file>', 'YAML company profile (orders per day, channel mix, warehouses, carriers, error rates, promotions); see simulator/model/company.ts')
      .option('--fault <spec>', 'inject a failure story: scenario[:start=+2h,duration=2h,intensity=1,<dimension>=<value>] (repeatable)', (v: string, all: string[]) => [...all, v], [])
      .option('--out <dir>', 'write NDJSON files (orders.ndjson, calls.ndjson …) instead of the store')
      .option('--url <url>', 'stream to a collector at this URL instead of the store')
      .option('--token <token>', 'bearer token for --url')
      .option('--live', 'with --url: real time (events are sent as they happen)')
      .option('--speed <x>', 'with --url: accelerated, x simulated seconds per second')
      .option('--truth <file>', 'write the ground truth here (default: ground-truth.json in --out, or the data directory)'),
  ).action(async (flags: SimulateFlags) => {
    const config = configFromFlags(flags)
    const paced = flags.live || flags.speed !== undefined
    const now = Date.now()
    const span = paced ? ms((flags.duration ?? '1h') as ms.StringValue) : Number(flags.days ?? 1) * 86_400_000
    const from = flags.from ? Date.parse(flags.from) : paced ? now : now - span
    const to = flags.to ? Date.parse(flags.to) : from + span
    if (!(to > from)) throw new Error('--to must be after --from')
    const faults: FaultSpec[] = flags.fault.map((f) => parseFault(f, from))
    const seed = Number(flags.seed)
    const runId = `sim-${seed}-${new Date(from).toISOString()}`
    let store: Store | undefined
    let sink: Sink
    if (flags.url) {
      if (!flags.token) throw new Error('--url needs --token (the collector bearer token)')
      sink = httpSink(flags.url, flags.token)
    } else if (flags.out) {
      sink = ndjsonSink(flags.out)
    } else {
      store = openStore(config)
      await migrate(store)
      sink = storeSink(store, config, runId)
    }
    const started = performance.now()
    try {
      const result = await simulate({
        seed,
        from,
        to,
        faults,
        sink,
        company: { ...(flags.company ? readCompany(flags.company) : {}), ...(flags.ordersPerDay ? { ordersPerDay: Number(flags.ordersPerDay) } : {}) },
        ...(paced ? { pace: flags.live ? 1 : Number(flags.speed) } : {}),
      })
      await sink.close()
      const truthFile = flags.truth ?? path.join(flags.out ?? config.dataDir, 'ground-truth.json')
      await saveTruth(result.truth, runId, { file: truthFile, store })
      const seconds = (performance.now() - started) / 1000
      const total = Object.values(result.events).reduce((a, b) => a + b, 0)
      console.log(JSON.stringify({ run_id: runId, orders: result.orders, events: result.events, seconds: Number(seconds.toFixed(2)), events_per_second: Math.round(total / seconds), truth: truthFile, faults: result.truth.map((t) => ({ label: t.label, scope: t.scope, affected_orders: t.affected_orders.length, effects: t.effects })) }, null, 2))
    } finally {
      await store?.close()
    }
  })
}

function readCompany(file: string): Partial<CompanyProfile> {
  const value = parse(readFileSync(file, 'utf8')) as unknown
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file}: expected a mapping of company profile fields`)
  return value as Partial<CompanyProfile>
}
