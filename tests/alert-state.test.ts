import { describe, expect, it } from 'vitest'
import { advanceAlerts, alertFingerprint, type AlertState, type Signal } from '../alerts/engine/state.ts'
import { inWindow, matches, mutedBy, type MaintenanceWindow, type Silence } from '../alerts/engine/silences.ts'

const MIN = 60_000
const T0 = Date.parse('2026-11-11T00:00:00Z')
const signal = (forMs = 5 * MIN, labels: Record<string, string> = { alertname: 'PickupLow', warehouse: 'wh-beijing' }): Signal => ({ labels, annotations: { summary: 's' }, forMs })

/** Evaluations at the given minutes; `holds(m)` says whether the condition holds then. Returns every firing and resolving, in order. */
function replay(minutes: number[], holds: (m: number) => boolean, forMs = 5 * MIN, resolveAfterMs = 5 * MIN) {
  let live: AlertState[] = []
  const events: string[] = []
  for (const m of minutes) {
    const changes = advanceAlerts(live, holds(m) ? [signal(forMs)] : [], T0 + m * MIN, resolveAfterMs)
    events.push(...changes.fired.map(() => `${m} fired`), ...changes.resolved.map(() => `${m} resolved`))
    const byId = new Map(live.map((a) => [a.id, a]))
    for (const a of changes.changed) byId.set(a.id, a)
    live = [...byId.values()].filter((a) => a.status === 'pending' || a.status === 'firing')
  }
  return { events, live }
}
const everyMinute = (n: number) => Array.from({ length: n }, (_, i) => i)

describe('alert states', () => {
  it('stays pending for the rule’s `for`, then fires once, and resolves once after the condition is gone', () => {
    const { events } = replay(everyMinute(30), (m) => m >= 2 && m < 15)
    expect(events).toEqual(['7 fired', '19 resolved'])
  })

  it('drops a pending alert whose condition goes away before `for`', () => {
    const { events, live } = replay(everyMinute(20), (m) => m >= 2 && m < 5)
    expect(events).toEqual([])
    expect(live).toEqual([])
  })

  it('fires at once without a `for`', () => {
    expect(replay([0, 1], () => true, 0).events).toEqual(['0 fired'])
  })

  it('does not spam on a flapping signal: one firing, one resolution', () => {
    const { events } = replay(everyMinute(60), (m) => m < 30 && m % 3 !== 0, 0)
    expect(events).toEqual(['1 fired', '34 resolved'])
  })

  it('makes a new episode when the alert comes back after it resolved', () => {
    let live: AlertState[] = []
    const first = advanceAlerts(live, [signal(0)], T0, MIN)
    live = first.changed
    const resolved = advanceAlerts(live, [], T0 + 2 * MIN, MIN)
    expect(resolved.resolved).toHaveLength(1)
    const again = advanceAlerts([], [signal(0)], T0 + 10 * MIN, MIN)
    expect(again.fired[0]!.fingerprint).toBe(first.fired[0]!.fingerprint)
    expect(again.fired[0]!.id).not.toBe(first.fired[0]!.id)
  })

  it('identifies an alert by its label set, whatever the order', () => {
    expect(alertFingerprint({ a: '1', b: '2' })).toBe(alertFingerprint({ b: '2', a: '1' }))
    expect(alertFingerprint({ a: '1' })).not.toBe(alertFingerprint({ a: '1', b: '' }))
  })
})

describe('silences and maintenance windows', () => {
  const labels = { alertname: 'FailurePattern', pattern: 'ip_whitelist', client_ip: '10.8.1.21', team: 'sre' }
  const silence = (over: Partial<Silence> = {}): Silence => ({
    id: 's1',
    matchers: [{ name: 'pattern', value: 'ip_whitelist' }],
    startsAt: new Date(T0).toISOString(),
    endsAt: new Date(T0 + 60 * MIN).toISOString(),
    createdBy: 'olu',
    comment: 'whitelist change in progress',
    ...over,
  })

  it('match on equality, inequality and anchored regular expressions', () => {
    expect(matches(labels, [{ name: 'client_ip', value: '10\\.8\\.1\\.\\d+', isRegex: true }])).toBe(true)
    expect(matches(labels, [{ name: 'client_ip', value: '10\\.8', isRegex: true }])).toBe(false)
    expect(matches(labels, [{ name: 'team', value: 'sre', isEqual: false }])).toBe(false)
    expect(matches(labels, [{ name: 'missing', value: '' }])).toBe(true)
  })

  it('mute only while the silence lasts', () => {
    expect(mutedBy(labels, T0 + 30 * MIN, [silence()], [])).toBe('silence s1')
    expect(mutedBy(labels, T0 + 60 * MIN, [silence()], [])).toBeUndefined()
    expect(mutedBy({ ...labels, pattern: 'encoding' }, T0 + 30 * MIN, [silence()], [])).toBeUndefined()
  })

  it('mute inside a recurring maintenance window, in its own time zone', () => {
    // Every night 02:00–03:00 China time: 18:00–19:00 UTC.
    const nightly: MaintenanceWindow = { name: 'wms-deploy', matchers: [{ name: 'team', value: 'sre' }], cron: '0 2 * * *', durationMs: 60 * MIN, timezone: 'Asia/Shanghai' }
    const utc = (h: number, m = 0) => Date.parse(`2026-11-11T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`)
    expect(inWindow(nightly, utc(18, 0))).toBe(true)
    expect(inWindow(nightly, utc(18, 59))).toBe(true)
    expect(inWindow(nightly, utc(19, 0))).toBe(false)
    expect(inWindow(nightly, utc(2, 0))).toBe(false)
    expect(mutedBy(labels, utc(18, 30), [], [nightly])).toBe('maintenance window wms-deploy')
  })
})
