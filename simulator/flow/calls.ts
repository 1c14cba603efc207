import type { CallEvent } from '../../core/contracts/index.ts'
import type { CallFailure } from '../faults.ts'
import type { SimOrder } from '../model/order.ts'
import type { SimEnv } from '../env.ts'

export interface CallSpec {
  source: string
  target: string
  endpoint: string
  direction: 'call' | 'callback'
  clientIp: string
  latencyMedianMs: number
  channel?: string
}

/** Ordinary failures every integration sees now and then; the caller retries with back-off and gets through. */
const ORDINARY_FAILURES: Omit<CallFailure, 'retryDelaysMs' | 'retriesSucceed'>[] = [
  { http_status: 504, error_code: 'GATEWAY_TIMEOUT', error_message: 'upstream timed out' },
  { http_status: 502, error_code: 'BAD_GATEWAY', error_message: 'connection reset by peer' },
  { http_status: 500, error_code: 'INTERNAL_ERROR', error_message: 'unexpected error, please retry' },
]

/**
 * Makes one interface call (and the caller's retries), emitting every
 * attempt. Returns when the call got through, or undefined if it never did.
 */
export function makeCall(env: SimEnv, spec: CallSpec, at: number, order?: SimOrder): number | undefined {
  const base: CallEvent = {
    ts: new Date(at).toISOString(),
    source_system: spec.source,
    target_system: spec.target,
    endpoint: spec.endpoint,
    direction: spec.direction,
    http_status: 200,
    latency_ms: 0,
    client_ip: spec.clientIp,
    retry_attempt: 0,
    payload_bytes: 400 + Math.floor(env.random.float() * 1600),
    ...(order ? { order_id: order.orderId } : {}),
    ...(spec.channel ?? order?.channel.id ? { channel: spec.channel ?? order?.channel.id } : {}),
  }
  let failure: CallFailure | undefined
  for (const h of env.hooks) {
    failure = h.interceptCall?.(base, order, env.random)
    if (failure) break
  }
  if (!failure && env.random.chance(env.company.callErrorRate)) {
    failure = { ...env.random.pick(ORDINARY_FAILURES), retryDelaysMs: [env.random.lognormal(20_000, 0.5)], retriesSucceed: true }
  }
  let t = at
  const attempts = failure ? failure.retryDelaysMs.length + 1 : 1
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) t += failure!.retryDelaysMs[attempt - 1]!
    const last = attempt === attempts - 1
    const ok = !failure || (last && failure.retriesSucceed && attempt > 0)
    const latency = Math.round(ok ? env.random.lognormal(spec.latencyMedianMs, 0.5) : failure!.http_status === 504 ? 10_000 : env.random.lognormal(spec.latencyMedianMs / 2, 0.4))
    env.emitAt('calls', t, {
      ...base,
      event_id: env.nextEventId('c'),
      ts: new Date(t).toISOString(),
      http_status: ok ? 200 : failure!.http_status,
      latency_ms: Math.min(latency, 60_000),
      retry_attempt: attempt,
      ...(ok ? {} : { error_code: failure!.error_code, error_message: failure!.error_message }),
    })
    if (ok) return t + latency
  }
  return undefined
}
