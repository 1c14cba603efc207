import type { Store } from '../../core/store/index.ts'
import { detectAnomalies } from '../anomaly/index.ts'
import { detectAll, type DetectorContext, type Finding } from '../detectors/index.ts'
import { advanceFindings, type FindingChanges } from './lifecycle.ts'
import { readLiveFindings, writeFindings } from './store.ts'

/** Anything that reports findings for a moment: the detectors, the anomaly detection. */
export type FindingSource = (ctx: DetectorContext) => Promise<{ findings: Finding[]; timings: Record<string, number> }>

/** The seasonal anomaly detection over KPI and volume series, as a finding source. */
export const anomalySource: FindingSource = async (ctx) => {
  const pass = await detectAnomalies({ store: ctx.store, at: ctx.at, lookbackMs: ctx.lookbackMs })
  return { findings: pass.findings, timings: { anomaly: pass.seconds } }
}

/** What a scheduled pass runs: every failure-pattern detector, then the anomaly detection. */
export const DEFAULT_SOURCES: FindingSource[] = [detectAll, anomalySource]

export interface PassOptions {
  at: number
  lookbackMs: number
  /** A live finding not reported for this long ends. */
  graceMs: number
  sources?: FindingSource[]
}

export interface PassResult {
  at: string
  seconds: number
  timings: Record<string, number>
  findings: Finding[]
  changes: { opened: number; updated: number; ended: number }
  /** The rows written, for whoever notifies (alerts) or shows them. */
  written: FindingChanges
}

/** One detection pass: every source as of `at`, then the findings' lifecycle advanced and stored. */
export async function runDetectionPass(store: Store, options: PassOptions): Promise<PassResult> {
  const started = performance.now()
  const ctx: DetectorContext = { store, at: options.at, lookbackMs: options.lookbackMs }
  const findings: Finding[] = []
  const timings: Record<string, number> = {}
  for (const source of options.sources ?? DEFAULT_SOURCES) {
    const r = await source(ctx)
    findings.push(...r.findings)
    Object.assign(timings, r.timings)
  }
  const changes = advanceFindings(await readLiveFindings(store), findings, options.at, options.graceMs)
  await writeFindings(store, [...changes.opened, ...changes.updated, ...changes.ended])
  return {
    at: new Date(options.at).toISOString(),
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    timings,
    findings,
    changes: { opened: changes.opened.length, updated: changes.updated.length, ended: changes.ended.length },
    written: changes,
  }
}
