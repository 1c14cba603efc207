import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 3: a platform API starts answering "rate limited" and the caller
 * retries at once with no back-off, making it worse: the 429 share climbs
 * and retries cluster within milliseconds. Scope: target_system (default
 * jd_api), optionally endpoint.
 */
export const throttling: ScenarioFactory = ({ spec, truth, label }) => {
  const target = spec.scope.target_system ?? 'jd_api'
  return {
    interceptCall(call, order, random) {
      if (call.target_system !== target || !active(spec, Date.parse(call.ts))) return undefined
      if (!inScope(spec, { endpoint: call.endpoint }) || !random.chance(spec.intensity)) return undefined
      truth.count(label, 'calls_throttled')
      const retriesSucceed = random.chance(0.35)
      if (order && !retriesSucceed) truth.affected(label, order.orderId)
      return {
        http_status: 429,
        error_code: 'isv.api-call-limited',
        error_message: 'API调用频率超限 (app call limited)',
        retryDelaysMs: [random.int(2, 15), random.int(2, 15), random.int(2, 15), random.int(2, 15)],
        retriesSucceed,
      }
    },
  }
}
