import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 6: on balance day, the receiver of balance-payment callbacks answers
 * 503 (autoscaling failed), and the balance_paid event that does get through
 * is mapped to the old deposit logic: presale orders sit frozen in
 * deposit_paid. Balance payments of presale orders gather at the window's
 * start, as they do when balance payment opens. Scope: endpoint, channel.
 */
export const presaleReceiver: ScenarioFactory = ({ spec, truth, label }) => {
  const endpoint = spec.scope.endpoint ?? '/callback/presale/balance'
  return {
    balanceAt(order, depositAt, planned, random) {
      const end = spec.start + spec.durationMs
      if (!inScope(spec, { channel: order.channel.id }) || order.createdAt >= end || planned < spec.start) return undefined
      const opened = spec.start + Math.min(random.exponential(spec.durationMs / 4), spec.durationMs * 0.9)
      // An order whose deposit comes after balance payment opened pays its balance minutes after the deposit.
      const at = Math.max(opened, depositAt + random.lognormal(10 * 60_000, 0.5))
      return at < end ? at : undefined
    },
    interceptCall(call, order, random) {
      if (call.endpoint !== endpoint || !active(spec, Date.parse(call.ts)) || !random.chance(spec.intensity)) return undefined
      if (!inScope(spec, { channel: call.channel })) return undefined
      truth.count(label, 'callbacks_503')
      if (order) truth.affected(label, order.orderId)
      return { http_status: 503, error_code: 'SERVICE_UNAVAILABLE', error_message: 'no healthy upstream', retryDelaysMs: [1_000, 5_000, 30_000], retriesSucceed: random.chance(0.4) }
    },
    omsState(order, step, ms) {
      if (step !== 'balance' || !active(spec, ms) || !inScope(spec, { channel: order.channel.id })) return undefined
      truth.affected(label, order.orderId)
      truth.count(label, 'mapped_to_deposit')
      return 'deposit_paid'
    },
  }
}
