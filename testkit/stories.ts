import type { Store } from '../core/store/index.ts'
import type { FaultSpec } from '../simulator/index.ts'

const MIN = 60_000
const HOUR = 60 * MIN

/**
 * Every failure story on day 1 of a simulation starting at `from` (a
 * Tuesday, China time), each at its own hour and scope, day 0 being the
 * history. Tests and the detectors benchmark score against these.
 */
export function storyFaults(from: number): FaultSpec[] {
  const at = (h: number) => from + h * HOUR
  return [
    { scenario: 'ip_whitelist', start: at(26), durationMs: 2 * HOUR, intensity: 1, scope: { client_ip: '10.8.1.21', endpoint: '/callback/shipment' } },
    { scenario: 'encoding', start: at(24), durationMs: 24 * HOUR, intensity: 1, scope: { channel: 'douyin' } },
    { scenario: 'throttling', start: at(37), durationMs: HOUR, intensity: 0.6, scope: { target_system: 'jd_api' } },
    { scenario: 'stopped_job', start: at(31) + 2 * MIN, durationMs: 3 * HOUR, intensity: 1, scope: { job: 'pinduoduo_order_import' } },
    { scenario: 'queue_backlog', start: at(33), durationMs: 2 * HOUR, intensity: 1, scope: { warehouse: 'wh-beijing' } },
    { scenario: 'presale_receiver', start: at(35), durationMs: 2 * HOUR, intensity: 1, scope: { endpoint: '/callback/presale/balance' } },
    { scenario: 'manual_duplicates', start: at(24), durationMs: 24 * HOUR, intensity: 0.8, scope: { channel: 'manual' } },
    { scenario: 'status_desync', start: at(38), durationMs: 3 * HOUR, intensity: 0.5, scope: { warehouse: 'wh-guangzhou' } },
    { scenario: 'traffic_surge', start: at(44), durationMs: HOUR, intensity: 1, scope: { channel: 'kuaishou' } },
    { scenario: 'stalled_tracking', start: at(26), durationMs: 4 * HOUR, intensity: 1, scope: { carrier: 'zto' } },
  ]
}

/** Hours of simulation the stories need: stalled tracking shows 36 h after its pick-ups. */
export const STORY_HOURS = 64

const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

/**
 * When a story's evidence first exists, which is when the clock of its
 * detection starts. Where the story itself defines a delay (36 h without a
 * scan, a 30-minute tolerance, a run that was due, a wait past the 8-minute
 * breaker) it is the fault's start plus that delay; where the evidence is
 * sparse (rare-character orders, hand-keyed copies) it is the first such
 * evidence in the stored events; otherwise the fault's start.
 */
export async function evidenceStart(store: Store, fault: FaultSpec): Promise<number> {
  switch (fault.scenario) {
    case 'stopped_job':
      // The first run missed is due within its 5-minute schedule; 90 s of grace follow.
      return fault.start + 5 * MIN + 90_000
    case 'queue_backlog':
      return fault.start + 8 * MIN
    case 'status_desync':
      return fault.start + 30 * MIN
    case 'stalled_tracking':
      return fault.start + 36 * HOUR
    case 'encoding':
      return firstMoment(store, `SELECT min(ts) AS t FROM interface_calls WHERE error_code = 'DB_WRITE_FAILED' AND ts >= {from:DateTime64(3)}`, fault.start)
    case 'manual_duplicates':
      // The detector's evidence is a second hand-keyed copy within the hour.
      return firstMoment(
        store,
        `SELECT max(t) AS t FROM (SELECT event_time AS t FROM order_events
           WHERE state = 'created' AND system != 'channel' AND buyer_id != '' AND event_time >= {from:DateTime64(3)} ORDER BY event_time LIMIT 2)`,
        fault.start,
      )
    default:
      return fault.start
  }
}

async function firstMoment(store: Store, sql: string, from: number): Promise<number> {
  const [row] = await store.query<{ t: string }>(`SELECT toUnixTimestamp64Milli(t) AS t FROM (${sql})`, { from: ts(from) })
  return Number(row!.t)
}
