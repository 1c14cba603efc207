import { disagree } from './stages.ts'

export interface StateRecord {
  system: string
  state: string
  time: number
}

export interface Disagreement {
  from: string
  /** Absent while it lasts. */
  to?: string
  seconds: number
  /** Each system's state during the disagreement (as it began). */
  states: Record<string, string>
}

/**
 * Walks the order's records in time order and returns the spans during which
 * the systems disagreed for longer than `toleranceMs`.
 */
export function findDisagreements(records: StateRecord[], toleranceMs: number, nowMs: number): Disagreement[] {
  const latest = new Map<string, string>()
  const spans: Disagreement[] = []
  let openSince: number | undefined
  let openStates: Record<string, string> = {}
  const close = (end: number | undefined) => {
    if (openSince === undefined) return
    const until = end ?? nowMs
    if (until - openSince > toleranceMs) {
      spans.push({ from: new Date(openSince).toISOString(), ...(end !== undefined ? { to: new Date(end).toISOString() } : {}), seconds: Math.round((until - openSince) / 1000), states: openStates })
    }
    openSince = undefined
  }
  for (const r of [...records].sort((a, b) => a.time - b.time)) {
    latest.set(r.system, r.state)
    const now = disagree(latest)
    if (now && openSince === undefined) {
      openSince = r.time
      openStates = Object.fromEntries(latest)
    } else if (!now && openSince !== undefined) close(r.time)
  }
  close(undefined)
  return spans
}
