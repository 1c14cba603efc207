import TinyQueue from 'tinyqueue'
import { KIND_NAMES, type KindName } from '../core/contracts/index.ts'
import type { SimEnv } from './env.ts'
import type { FaultSpec, Hooks } from './faults.ts'
import { jobsOf, runJob, sampleQueues } from './flow/periodic.ts'
import { OrderFlow, type FlowQueues } from './flow/order-flow.ts'
import { companyProfile, type CompanyProfile } from './model/company.ts'
import { nativeStateNames } from './model/native-states.ts'
import { createOrder } from './model/order.ts'
import { ordersPerMinute } from './model/rhythm.ts'
import { Random } from './random.ts'
import { SCENARIOS } from './scenarios/index.ts'
import type { Sink } from './sink.ts'
import { TruthRecorder, type TruthLabel } from './truth.ts'

const MIN = 60_000

export interface SimulationOptions {
  seed: number
  /** Virtual time span [from, to), epoch ms. */
  from: number
  to: number
  company?: Partial<CompanyProfile>
  faults?: FaultSpec[]
  sink: Sink
  /** Events per sink write. */
  batchSize?: number
  /** Virtual ms per wall-clock ms (1 = real time, 60 = a minute a second); absent: as fast as possible. */
  pace?: number
  signal?: AbortSignal
  /** Called once per fault when simulated time passes its end, with its ground truth so far. */
  onFaultEnded?: (label: TruthLabel) => Promise<void> | void
}

export interface SimulationResult {
  truth: TruthLabel[]
  events: Record<KindName, number>
  orders: number
}

interface Task {
  at: number
  seq: number
  run: () => void
}

/**
 * Runs a company's order traffic through [from, to): orders arrive as a
 * Poisson process shaped by the day, the week and promotions; each order
 * walks its lifecycle as a chain of timed tasks; scheduled jobs and queue
 * samples tick alongside. Faults bend the traffic through their hooks.
 * Deterministic for a seed.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const company = companyProfile(options.company)
  const random = new Random(options.seed)
  const truth = new TruthRecorder()
  const hooks: Hooks[] = (options.faults ?? []).map((spec, i) => {
    const label = `${spec.scenario}#${i + 1}`
    truth.register(label, spec)
    return SCENARIOS[spec.scenario]({ spec, truth, label })
  })
  const heap = new TinyQueue<Task>([], (a, b) => a.at - b.at || a.seq - b.seq)
  const buffers = new Map<KindName, Record<string, unknown>[]>(KIND_NAMES.map((k) => [k, []]))
  const counts = Object.fromEntries(KIND_NAMES.map((k) => [k, 0])) as Record<KindName, number>
  let seq = 0
  let idCounter = 0
  let now = options.from
  const idBase = `${options.seed.toString(36)}-`
  const env: SimEnv = {
    company,
    random,
    hooks,
    emit: (kind, event) => {
      buffers.get(kind)!.push(event)
      counts[kind] += 1
    },
    emitAt: (kind, at, event) => {
      if (at <= now + 1_000) env.emit(kind, event)
      else env.schedule(at, () => env.emit(kind, event))
    },
    schedule: (at, run) => heap.push({ at: Math.max(at, now), seq: seq++, run }),
    nextEventId: (prefix) => `${prefix}${idBase}${(idCounter++).toString(36)}`,
    now: () => now,
  }
  const queues: FlowQueues = { awaitingImport: new Map(), awaitingPush: new Map() }
  const flow = new OrderFlow(env, nativeStateNames(), queues)
  const jobs = jobsOf(env)
  const orderRandom = random.fork(0x5eed)
  const stepMs = options.pace ? 1_000 : MIN
  const wallStart = Date.now()
  const ended = new Set<string>()
  let orders = 0

  for (let step = options.from; step < options.to; step += stepMs) {
    if (options.signal?.aborted) break
    for (const channel of company.channels) {
      const base = ordersPerMinute(company, step) * channel.share
      let expected = (base * stepMs) / MIN
      for (const h of hooks) expected += ((h.extraOrdersPerMinute?.(channel.id, step, base) ?? 0) * stepMs) / MIN
      const n = orderRandom.poisson(expected)
      for (let i = 0; i < n; i++) {
        const createdAt = step + orderRandom.float() * stepMs
        const order = createOrder(company, channel, createdAt, orders++, orderRandom)
        env.schedule(createdAt, () => {
          flow.start(order)
          for (const h of hooks) for (const copy of h.onOrderCreated?.(order, createdAt, random) ?? []) flow.recreate(order, copy)
        })
      }
    }
    // Whole minutes falling in this step: cron-like jobs and queue samples tick on them.
    for (let minute = Math.ceil(step / MIN) * MIN; minute < step + stepMs; minute += MIN) {
      for (const job of jobs) if (minute % job.everyMs === 0) env.schedule(minute + random.float() * 5_000, () => runJob(env, queues, job, now))
      env.schedule(minute, () => sampleQueues(env, queues, now))
    }
    const until = step + stepMs
    while (heap.length > 0 && heap.peek()!.at < until) {
      const task = heap.pop()!
      now = task.at
      task.run()
    }
    now = until
    await reportEndedFaults(options, truth, until, ended)
    await flush(options, buffers, options.batchSize ?? 20_000, false)
    if (options.pace) await waitForWallClock(wallStart, until - options.from, options.pace, options.signal)
  }
  await flush(options, buffers, options.batchSize ?? 20_000, true)
  return { truth: truth.labels(), events: counts, orders }
}

async function reportEndedFaults(options: SimulationOptions, truth: TruthRecorder, now: number, ended: Set<string>): Promise<void> {
  if (!options.onFaultEnded) return
  for (const [i, spec] of (options.faults ?? []).entries()) {
    const label = `${spec.scenario}#${i + 1}`
    if (ended.has(label) || spec.start + spec.durationMs > now) continue
    ended.add(label)
    await options.onFaultEnded(truth.label(label)!)
  }
}

async function flush(options: SimulationOptions, buffers: Map<KindName, Record<string, unknown>[]>, batchSize: number, all: boolean): Promise<void> {
  for (const [kind, events] of buffers) {
    while (events.length >= batchSize || (all || options.pace) && events.length > 0) {
      await options.sink.write(kind, events.splice(0, batchSize))
    }
  }
}

async function waitForWallClock(wallStart: number, virtualElapsed: number, pace: number, signal?: AbortSignal): Promise<void> {
  const due = wallStart + virtualElapsed / pace
  const wait = due - Date.now()
  if (wait > 0 && !signal?.aborted) await new Promise((r) => setTimeout(r, wait))
}

