import type { Store } from '../core/store/index.ts'
import { detectAll, type Finding } from '../analyzer/detectors/index.ts'

const MIN = 60_000

/** A finding covers a fault when it names every dimension=value pair of the fault's scope. */
export function coversScope(finding: Finding, scope: Record<string, string>): boolean {
  return Object.entries(scope).every(([dimension, value]) => finding.scope[dimension] === value)
}

export interface Detection {
  /** Minutes after `from` of the first pass that found it, or null. */
  minutes: number | null
  finding?: Finding
}

/**
 * Runs `pattern`'s detector once a `stepMin` from `from` on, as the schedule
 * would, until a finding covers `scope` or `maxMin` has passed.
 */
export async function firstDetection(store: Store, pattern: string, scope: Record<string, string>, from: number, maxMin: number, stepMin = 1): Promise<Detection> {
  for (let m = stepMin; m <= maxMin; m += stepMin) {
    const pass = await detectAll({ store, at: from + m * MIN, lookbackMs: 15 * MIN }, [pattern])
    const finding = pass.findings.find((f) => f.pattern === pattern && coversScope(f, scope))
    if (finding) return { minutes: m, finding }
  }
  return { minutes: null }
}

/** Every finding of passes once an hour over [from, to): on fault-free traffic, each is a false positive. */
export async function findingsOverDay(store: Store, from: number, to: number, everyMs = 60 * MIN): Promise<{ at: number; finding: Finding }[]> {
  const out: { at: number; finding: Finding }[] = []
  for (let at = from; at < to; at += everyMs) {
    const pass = await detectAll({ store, at, lookbackMs: 15 * MIN })
    out.push(...pass.findings.map((finding) => ({ at, finding })))
  }
  return out
}
