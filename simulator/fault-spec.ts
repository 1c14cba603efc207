import ms from 'ms'
import { SCENARIO_IDS, type FaultSpec, type ScenarioId } from './faults.ts'

export class FaultSpecError extends Error {}

/**
 * Parses `scenario[:key=value,…]`, e.g.
 * `ip_whitelist:start=+14h,duration=2h,client_ip=10.8.1.21` — start is an
 * ISO time or an offset from the simulation start; duration like 30m, 2h,
 * 2d; intensity 0–1; any other key narrows the scope (dimension=value).
 */
export function parseFault(text: string, simulationStart: number): FaultSpec {
  const [name, rest = ''] = text.split(/:(.*)/s, 2) as [string, string?]
  if (!(SCENARIO_IDS as readonly string[]).includes(name)) {
    throw new FaultSpecError(`unknown scenario '${name}' in --fault; known: ${SCENARIO_IDS.join(', ')}`)
  }
  const spec: FaultSpec = { scenario: name as ScenarioId, start: simulationStart, durationMs: 2 * 3_600_000, intensity: 1, scope: {} }
  for (const pair of rest.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new FaultSpecError(`--fault ${name}: expected key=value, got '${pair}'`)
    const key = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    if (key === 'start') spec.start = parseStart(value, simulationStart, name)
    else if (key === 'duration') spec.durationMs = parseDuration(value, name)
    else if (key === 'intensity') {
      spec.intensity = Number(value)
      if (!(spec.intensity > 0 && spec.intensity <= 1)) throw new FaultSpecError(`--fault ${name}: intensity must be in (0, 1], got '${value}'`)
    } else spec.scope[key] = value
  }
  return spec
}

function parseStart(value: string, simulationStart: number, name: string): number {
  if (value.startsWith('+')) return simulationStart + parseDuration(value.slice(1), name)
  const t = Date.parse(value)
  if (Number.isNaN(t)) throw new FaultSpecError(`--fault ${name}: start must be an ISO time or +offset (e.g. +2h), got '${value}'`)
  return t
}

function parseDuration(value: string, name: string): number {
  // ms() throws its own error on an empty string; that must read like every other bad --fault.
  const d = value === '' ? undefined : ms(value as ms.StringValue)
  if (typeof d !== 'number' || !(d > 0)) throw new FaultSpecError(`--fault ${name}: duration like 30m, 2h or 2d expected, got '${value}'`)
  return d
}
