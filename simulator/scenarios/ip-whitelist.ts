import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 1: a security update adds an IP whitelist in front of OMS and the
 * WMS server's IP is not on it. Its shipment callbacks are refused with 403
 * (the WMS retries, in vain), so OMS never learns the tracking numbers:
 * orders stay "awaiting shipment" in OMS although the parcels left.
 * Scope: client_ip (default the Hangzhou WMS), endpoint.
 */
export const ipWhitelist: ScenarioFactory = ({ spec, truth, label }) => {
  const clientIp = spec.scope.client_ip ?? '10.8.1.21'
  const endpoint = spec.scope.endpoint ?? '/callback/shipment'
  return {
    interceptCall(call, order, random) {
      if (!active(spec, Date.parse(call.ts)) || call.client_ip !== clientIp || call.endpoint !== endpoint) return undefined
      if (!inScope(spec, { target_system: call.target_system }) || !random.chance(spec.intensity)) return undefined
      truth.count(label, 'calls_rejected')
      const { retryDelaysMs, recovers } = retriesUntilFixed(Date.parse(call.ts), spec.start + spec.durationMs)
      if (recovers) truth.count(label, 'callbacks_through_after_fix')
      else if (order) truth.affected(label, order.orderId)
      return {
        http_status: 403,
        error_code: 'IP_NOT_IN_WHITELIST',
        error_message: `client ip ${clientIp} is not in the whitelist`,
        retryDelaysMs,
        retriesSucceed: recovers,
      }
    },
  }
}

/** The WMS retries after 1, 5 and 15 minutes, then gives up; the first retry made once the whitelist is fixed gets through. */
const WMS_RETRY_DELAYS_MS = [60_000, 300_000, 900_000]

function retriesUntilFixed(firstAttempt: number, fixedAt: number): { retryDelaysMs: number[]; recovers: boolean } {
  const retryDelaysMs: number[] = []
  let t = firstAttempt
  for (const delay of WMS_RETRY_DELAYS_MS) {
    retryDelaysMs.push(delay)
    t += delay
    if (t >= fixedAt) return { retryDelaysMs, recovers: true }
  }
  return { retryDelaysMs, recovers: false }
}
