import type { CallEvent } from '../core/contracts/index.ts'
import type { SimOrder } from './model/order.ts'
import type { Random } from './random.ts'
import type { TruthRecorder } from './truth.ts'

export const SCENARIO_IDS = [
  'ip_whitelist',
  'encoding',
  'throttling',
  'stopped_job',
  'queue_backlog',
  'presale_receiver',
  'manual_duplicates',
  'status_desync',
  'traffic_surge',
  'stalled_tracking',
] as const
export type ScenarioId = (typeof SCENARIO_IDS)[number]

/** Where and when a fault is injected. */
export interface FaultSpec {
  scenario: ScenarioId
  start: number
  durationMs: number
  /** 0–1: how hard it bites (share of affected traffic, or a multiplier's strength). */
  intensity: number
  /** dimension=value pairs narrowing the fault, e.g. { client_ip: '10.8.1.21' } or { channel: 'jd' }. */
  scope: Record<string, string>
}

/** The same order entered again by hand in another system, possibly with a typo in its number. */
export interface Recreation {
  system: string
  delayMs: number
  channelOrderNo: string
}

/** What a failing interface call looks like, and how the caller behaves after it. */
export interface CallFailure {
  http_status: number
  error_code: string
  error_message: string
  /** Retries the caller makes: each with its own delay (ms after the previous attempt). */
  retryDelaysMs: number[]
  /** Whether a retry ever gets through while the fault lasts. */
  retriesSucceed: boolean
}

/** An order-lifecycle moment a scenario may bend. */
export type Step =
  | 'intake'
  | 'deposit'
  | 'balance'
  | 'pay'
  | 'stock_lock'
  | 'push'
  | 'label'
  | 'pack'
  | 'pickup'
  | 'transit'
  | 'deliver'
  | 'complete'
  | 'cancel'
  | 'refund'

export interface Hooks {
  /** Extra orders per minute from a channel (surges); `baseRate` is that channel's ordinary rate now. */
  extraOrdersPerMinute?(channel: string, ms: number, baseRate: number): number
  /** An order was created; return re-creations of it keyed in by hand elsewhere (manual duplicates). */
  onOrderCreated?(order: SimOrder, ms: number, random: Random): Recreation[]
  /** When a presale order's balance is paid (balance day pulls them together); never before `depositMs`. */
  balanceAt?(order: SimOrder, depositMs: number, plannedMs: number, random: Random): number | undefined
  /** A call is about to be made; return a failure to make it fail. */
  interceptCall?(call: CallEvent, order: SimOrder | undefined, random: Random): CallFailure | undefined
  /** Multiplies the delay before a lifecycle step (`baseDelayMs`, the delay it would have been). */
  delayFactor?(order: SimOrder, step: Step, ms: number, baseDelayMs: number): number
  /** True when `system` should never learn of `step` for this order (desync). */
  suppressReport?(order: SimOrder, system: string, step: Step, ms: number, random: Random): boolean
  /** True when a scheduled job run does not happen (stopped job). */
  skipJobRun?(job: string, ms: number): boolean
  /** The canonical state OMS records for a step, when a scenario maps it wrongly. */
  omsState?(order: SimOrder, step: Step, ms: number): string | undefined
}

export interface ScenarioContext {
  spec: FaultSpec
  truth: TruthRecorder
  /** The fault instance's label, for the ground truth. */
  label: string
}

export type ScenarioFactory = (ctx: ScenarioContext) => Hooks

/** True while the fault is on. */
export function active(spec: FaultSpec, ms: number): boolean {
  return ms >= spec.start && ms < spec.start + spec.durationMs
}

/** True when every scope pair matching one of `facts` agrees; pairs naming other dimensions are ignored. */
export function inScope(spec: FaultSpec, facts: Record<string, string | undefined>): boolean {
  for (const [dimension, value] of Object.entries(spec.scope)) {
    if (dimension in facts && facts[dimension] !== value) return false
  }
  return true
}
