import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore, type Store } from '../../core/store/index.ts'
import { simulate, storeSink, type FaultSpec } from '../../simulator/index.ts'
import { detectAll } from '../../analyzer/detectors/index.ts'
import { firstDetection } from '../../testkit/detection.ts'
import { evidenceStart, STORY_HOURS, storyFaults } from '../../testkit/stories.ts'
import type { BenchFlags } from '../registry.ts'

const MIN = 60_000
const HOUR = 60 * MIN
// A Tuesday: day 0 is the history, the stories (or the judged baseline day) are day 1.
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
/** How long after its evidence a story may take to be found before it counts as missed. */
const PATIENCE_MIN = 60

/**
 * Detection quality on the simulator: (a) each failure story injected on
 * day 1, its detector run once a minute from the moment the story's
 * evidence exists until a finding covers the fault's scope — minutes to
 * detection; (b) a fault-free company, every detector every 15 minutes over
 * a day — false positives per day; with the pass times seen. `--events` is
 * the company's orders per day (default 20,000).
 */
export async function detectorsBench(flags: BenchFlags): Promise<void> {
  const ordersPerDay = flags.events ?? 20_000
  const faults = storyFaults(FROM)
  const stories = await withSimulation(ordersPerDay, faults, STORY_HOURS, async (store) => {
    const rows = []
    for (const fault of faults) {
      const evidence = await evidenceStart(store, fault)
      const found = await firstDetection(store, fault.scenario, fault.scope, evidence, PATIENCE_MIN)
      rows.push({
        scenario: fault.scenario,
        scope: fault.scope,
        minutes_after_fault_start: found.minutes === null ? null : Math.round((evidence - fault.start) / MIN) + found.minutes,
        minutes_after_evidence: found.minutes,
        finding_scope: found.finding?.scope ?? null,
      })
    }
    return rows
  })
  const baseline = await withSimulation(ordersPerDay, [], 48, async (store) => {
    const passSeconds: number[] = []
    const falsePositives: string[] = []
    for (let at = FROM + 24 * HOUR; at < FROM + 48 * HOUR; at += 15 * MIN) {
      const started = performance.now()
      const pass = await detectAll({ store, at, lookbackMs: 15 * MIN })
      passSeconds.push((performance.now() - started) / 1000)
      falsePositives.push(...pass.findings.map((f) => `${new Date(at).toISOString()} ${f.pattern} ${JSON.stringify(f.scope)}`))
    }
    passSeconds.sort((a, b) => a - b)
    return { passes: passSeconds.length, false_positives: falsePositives.length, findings: falsePositives, pass_seconds_p50: round(passSeconds[passSeconds.length >> 1]!), pass_seconds_max: round(passSeconds.at(-1)!) }
  })
  const found = stories.filter((s) => s.minutes_after_evidence !== null).length
  const out = { orders_per_day: ordersPerDay, stories, found: `${found}/${stories.length}`, within_2_min_of_evidence: stories.filter((s) => s.minutes_after_evidence !== null && s.minutes_after_evidence <= 2).length, baseline_day: baseline }
  if (flags.json) return console.log(JSON.stringify(out, null, 2))
  console.log(`detectors benchmark: a ${ordersPerDay.toLocaleString()}-orders-a-day company, every story on day 1; detectors run once a minute`)
  console.log('  story               min after evidence  min after start  finding scope')
  for (const s of stories) console.log(`  ${s.scenario.padEnd(19)} ${String(s.minutes_after_evidence ?? 'MISSED').padStart(18)}  ${String(s.minutes_after_fault_start ?? '-').padStart(15)}  ${JSON.stringify(s.finding_scope)}`)
  console.log(`  found ${out.found}; ${out.within_2_min_of_evidence} within 2 min of their evidence`)
  console.log(`  baseline day: ${baseline.false_positives} false positives in ${baseline.passes} passes (every 15 min); pass p50 ${baseline.pass_seconds_p50}s, max ${baseline.pass_seconds_max}s`)
  for (const f of baseline.findings) console.log(`    ${f}`)
}

async function withSimulation<T>(ordersPerDay: number, faults: FaultSpec[], hours: number, work: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-detbench-'))
  const config = loadConfig({ env: {}, overrides: { dataDir: dir } })
  const store = openStore(config)
  try {
    await migrate(store)
    const sink = storeSink(store, config, 'detectors-bench')
    await simulate({ seed: 2026, from: FROM, to: FROM + hours * HOUR, company: { ordersPerDay }, faults, sink })
    await sink.close()
    return await work(store)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const round = (s: number) => Number(s.toFixed(3))
