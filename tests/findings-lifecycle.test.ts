import { describe, expect, it } from 'vitest'
import type { Finding } from '../analyzer/detectors/index.ts'
import { advanceFindings, fingerprintOf, type StoredFinding } from '../analyzer/findings/lifecycle.ts'

const MIN = 60_000
const T0 = Date.parse('2026-11-11T00:00:00Z')

const finding = (over: Partial<Finding> = {}): Finding => ({
  pattern: 'ip_whitelist',
  severity: 'critical',
  scope: { client_ip: '10.8.1.21', endpoint: '/callback/shipment' },
  first_seen: new Date(T0).toISOString(),
  last_seen: new Date(T0).toISOString(),
  summary: 's',
  evidence: {},
  fix: 'f',
  ...over,
})

/** Runs passes at the given minutes, each reporting what `reportAt(minute)` returns; gives the stored state after each. */
function replay(minutes: number[], reportAt: (m: number) => Finding[], graceMin = 5): StoredFinding[][] {
  let live: StoredFinding[] = []
  const all = new Map<string, StoredFinding>()
  return minutes.map((m) => {
    const changes = advanceFindings(live, reportAt(m), T0 + m * MIN, graceMin * MIN)
    for (const f of [...changes.opened, ...changes.updated, ...changes.ended]) all.set(f.finding_id, f)
    live = [...all.values()].filter((f) => f.status !== 'ended')
    return [...all.values()]
  })
}

describe('finding lifecycle', () => {
  it('identifies an incident by pattern and scope, whatever the order of the scope pairs', () => {
    expect(fingerprintOf('p', { a: '1', b: '2' })).toBe(fingerprintOf('p', { b: '2', a: '1' }))
    expect(fingerprintOf('p', { a: '1' })).not.toBe(fingerprintOf('p', { a: '2' }))
    expect(fingerprintOf('p', { a: '1' })).not.toBe(fingerprintOf('q', { a: '1' }))
  })

  it('opens, stays active while reported, and ends after the grace period', () => {
    const states = replay([0, 1, 2, 3, 6, 9], (m) => (m <= 2 ? [finding({ last_seen: new Date(T0 + m * MIN).toISOString() })] : []))
    expect(states[0]!.map((f) => f.status)).toEqual(['open'])
    expect(states[2]!.map((f) => [f.status, f.passes])).toEqual([['active', 3]])
    expect(states[4]!.map((f) => f.status)).toEqual(['active'])
    expect(states[5]!.map((f) => [f.status, f.ended_at])).toEqual([['ended', new Date(T0 + 9 * MIN).toISOString()]])
    expect(states[5]![0]!.last_seen).toBe(new Date(T0 + 2 * MIN).toISOString())
  })

  it('keeps a flapping signal as one finding', () => {
    const states = replay([0, 1, 2, 3, 4, 5, 6, 7, 8], (m) => (m % 3 === 0 ? [finding()] : []))
    expect(states.at(-1)!).toHaveLength(1)
    expect(states.at(-1)![0]!.passes).toBe(3)
  })

  it('opens a new finding when the incident comes back after it ended', () => {
    const states = replay([0, 10, 20], (m) => (m === 10 ? [] : [finding()]))
    const last = states.at(-1)!
    expect(last.map((f) => f.status).sort()).toEqual(['ended', 'open'])
    expect(new Set(last.map((f) => f.fingerprint)).size).toBe(1)
    expect(new Set(last.map((f) => f.finding_id)).size).toBe(2)
  })

  it('takes two reports of one incident in a pass once, at the higher severity', () => {
    const [state] = replay([0], () => [finding({ severity: 'warning' }), finding({ severity: 'critical' })])
    expect(state!.map((f) => f.severity)).toEqual(['critical'])
  })

  it('keeps the earliest first_seen and the latest last_seen, and versions that only grow', () => {
    const states = replay([10, 5], (m) => [finding({ first_seen: new Date(T0 + m * MIN).toISOString(), last_seen: new Date(T0 + m * MIN).toISOString() })])
    const f = states[1]![0]!
    expect(f.first_seen).toBe(new Date(T0 + 5 * MIN).toISOString())
    expect(f.last_seen).toBe(new Date(T0 + 10 * MIN).toISOString())
    expect(f.version).toBeGreaterThan(states[0]![0]!.version)
  })
})
