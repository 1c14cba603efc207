import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 9: a promotion-page bug creates test orders in bulk: new orders per
 * hour jump by 300% (intensity 1) on one channel. Scope: channel (default
 * douyin).
 */
export const trafficSurge: ScenarioFactory = ({ spec, truth, label }) => {
  const channel = spec.scope.channel ?? 'douyin'
  return {
    extraOrdersPerMinute(ch, ms, baseRate) {
      if (ch !== channel || !active(spec, ms)) return 0
      return baseRate * 3 * spec.intensity
    },
    onOrderCreated(order, ms) {
      if (order.channel.id === channel && active(spec, ms) && inScope(spec, { channel })) {
        order.tags.add('surge')
        truth.affected(label, order.orderId)
      }
      return []
    },
  }
}
