import { mkdtempSync, rmSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import path from 'node:path'
import { computeKpis } from '../../analyzer/kpis/compute.ts'
import { consistencyReport } from '../../analyzer/report/consistency.ts'
import { traceOrder } from '../../analyzer/trace/trace.ts'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore, type Store } from '../../core/store/index.ts'
import { storeFlags } from '../flags.ts'
import type { BenchFlags } from '../registry.ts'
import { backfill, countStoredEvents, readBackfillInfo, type BackfillInfo } from './backfill.ts'
import { median, round, sampleTraceKeys, timeRuns, timeRunsWithCpu } from './measure.ts'

const DAY = 86_400_000
const TARGETS = { kpisMs: 1000, traceMs: 100, detectorsMs: 5000 }

/**
 * Analyzer speed over a store of >= 10 million events: the whole KPI set for
 * one day, an order trace by each kind of key, and one full detector pass.
 * `--data DIR` keeps the store (and reuses it when a backfill finished there).
 */
export async function analyzerBench(flags: BenchFlags): Promise<void> {
  const own = storeFlags(process.argv, { days: 14, ordersPerDay: 40_000, runs: 5 })
  const log = (line: string) => !flags.json && console.log(line)
  const dataDir = own.data ?? mkdtempSync(path.join(tmpdir(), 'orderlens-bench-analyzer-'))
  const config = loadConfig({ env: {}, overrides: { dataDir } })
  const store = openStore(config)
  try {
    let info = own.data ? readBackfillInfo(dataDir) : undefined
    let reused = true
    if (!info) {
      reused = false
      const plan = { seed: 7, days: own.days, ordersPerDay: own.ordersPerDay, from: Date.parse('2026-10-01T00:00:00+08:00') }
      log(`analyzer benchmark: backfilling ${plan.days} days of a ${plan.ordersPerDay.toLocaleString()}-orders-a-day company into ${dataDir}`)
      info = await backfill(store, config, plan, log)
    } else {
      await migrate(store)
    }
    const stored = await countStoredEvents(store)
    const result = await measure(store, info, own.runs)
    const out = { dataDir, reused, loadAverage: os.loadavg().map((x) => round(x, 2)), backfill: { ...info, storedEventsNow: stored, eventsPerSecond: Math.round(info.storedEvents / info.seconds) }, ...result, targets: TARGETS }
    if (flags.json) console.log(JSON.stringify(out, null, 2))
    else print(out)
  } finally {
    await store.close()
    if (!own.data) rmSync(dataDir, { recursive: true, force: true })
  }
}

async function measure(store: Store, info: BackfillInfo, runs: number) {
  const day = { from: info.from + (info.days - 1) * DAY, to: info.from + info.days * DAY }
  const { wall: kpiRuns, cpu: kpiCpu } = await timeRunsWithCpu(runs, () => computeKpis(store, day))
  const kpiDetail = await timeEachKpi(store, day)
  const date = new Date(day.from + 8 * 3_600_000).toISOString().slice(0, 10)
  const reportRuns = await timeRuns(3, () => consistencyReport(store, date))

  const keys = await sampleTraceKeys(store, day.from, day.to, runs)
  const trace: Record<string, number[]> = { order_id: [], channel_order_no: [], tracking_no: [] }
  for (const k of keys) {
    for (const column of Object.keys(trace) as (keyof typeof k)[]) {
      const [ms] = await timeRuns(1, async () => {
        const t = await traceOrder(store, k[column])
        if (!t) throw new Error(`trace by ${column} ${k[column]} found nothing`)
      })
      trace[column]!.push(ms!)
    }
  }

  const { detectAll } = await import('../../analyzer/detectors/index.ts')
  const at = day.from + 13 * 3_600_000 + 30 * 60_000
  const detectorRuns: { ms: number; timings: Record<string, number>; findings: number }[] = []
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t = performance.now()
    const pass = await detectAll({ store, at, lookbackMs: 15 * 60_000 })
    detectorRuns.push({ ms: performance.now() - t, timings: pass.timings, findings: pass.findings.length })
  }
  const best = detectorRuns.reduce((a, b) => (b.ms < a.ms ? b : a))
  return {
    day: { from: new Date(day.from).toISOString(), to: new Date(day.to).toISOString() },
    consistencyReport: { date, runsMs: reportRuns.map((x) => round(x)), medianMs: round(median(reportRuns)) },
    kpis: { runsMs: kpiRuns.map((x) => round(x)), medianMs: round(median(kpiRuns)), cpuMedianMs: round(median(kpiCpu)), ratioToTarget: round(median(kpiRuns) / TARGETS.kpisMs, 2), perKpiMs: kpiDetail },
    trace: Object.fromEntries(
      Object.entries(trace).map(([k, v]) => [k, { runsMs: v.map((x) => round(x)), medianMs: round(median(v)), ratioToTarget: round(median(v) / TARGETS.traceMs, 2) }]),
    ),
    detectors: {
      at: new Date(at).toISOString(),
      runsMs: detectorRuns.map((r) => round(r.ms)),
      medianMs: round(median(detectorRuns.map((r) => r.ms))),
      ratioToTarget: round(median(detectorRuns.map((r) => r.ms)) / TARGETS.detectorsMs, 2),
      findings: best.findings,
      perDetectorSeconds: best.timings,
    },
  }
}

/** Each KPI on its own (current and previous window), warm, to point at the slow ones. */
async function timeEachKpi(store: Store, day: { from: number; to: number }): Promise<Record<string, number>> {
  const { loadKpiCatalogue } = await import('../../analyzer/kpis/catalogue.ts')
  const out: Record<string, number> = {}
  for (const def of loadKpiCatalogue()) {
    const runs = await timeRuns(3, () => computeKpis(store, { ...day, ids: [def.id] }))
    out[def.id] = round(median(runs))
  }
  return out
}

function print(out: Awaited<ReturnType<typeof measure>> & { dataDir: string; reused: boolean; loadAverage: number[]; backfill: BackfillInfo & { storedEventsNow: number; eventsPerSecond: number } }): void {
  const b = out.backfill
  console.log(`analyzer benchmark on ${b.storedEventsNow.toLocaleString()} stored events (${b.days} days × ${b.ordersPerDay.toLocaleString()} orders/day, ${b.orders.toLocaleString()} orders) in ${out.dataDir}`)
  console.log(`  backfill ${out.reused ? '(earlier run) ' : ''}       : ${b.seconds} s, ${b.eventsPerSecond.toLocaleString()} events/s`)
  console.log(`  load average (1/5/15) : ${out.loadAverage.join(' / ')} on ${os.cpus().length} cores (other programs share them)`)
  console.log(`  measured day          : ${out.day.from} – ${out.day.to}`)
  console.log(`  KPI set for the day   : median ${out.kpis.medianMs} ms (runs ${out.kpis.runsMs.join(', ')}) — ${out.kpis.ratioToTarget} of the 1 s target; CPU ${out.kpis.cpuMedianMs} ms`)
  for (const [id, ms] of Object.entries(out.kpis.perKpiMs)) console.log(`      ${id.padEnd(30)} ${ms} ms`)
  console.log(`  consistency report    : median ${out.consistencyReport.medianMs} ms for ${out.consistencyReport.date} (runs ${out.consistencyReport.runsMs.join(', ')})`)
  for (const [k, v] of Object.entries(out.trace)) console.log(`  trace by ${k.padEnd(17)}: median ${v.medianMs} ms (runs ${v.runsMs.join(', ')}) — ${v.ratioToTarget} of the 100 ms target`)
  const d = out.detectors
  console.log(`  detector pass at ${d.at}: median ${d.medianMs} ms (runs ${d.runsMs.join(', ')}) — ${d.ratioToTarget} of the 5 s target, ${d.findings} findings`)
  for (const [p, s] of Object.entries(d.perDetectorSeconds)) console.log(`      ${p.padEnd(30)} ${s} s`)
}
