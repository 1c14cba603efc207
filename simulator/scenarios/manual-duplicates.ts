import { active, inScope, type ScenarioFactory } from '../faults.ts'

const PLACES = ['erp', 'crm', 'cs', 'oms']

/**
 * Story 7: orders taken by hand (WeChat chats, Excel) are keyed in again in
 * up to four places; some copies carry a mistyped order number, which the
 * fingerprint cannot join, and inflate order totals. Scope: channel
 * (default manual).
 */
export const manualDuplicates: ScenarioFactory = ({ spec, truth, label }) => {
  const channel = spec.scope.channel ?? 'manual'
  return {
    onOrderCreated(order, ms, random) {
      if (order.channel.id !== channel || !active(spec, ms) || !inScope(spec, { channel }) || !random.chance(spec.intensity)) return []
      truth.affected(label, order.orderId)
      const copies = random.int(1, 3)
      truth.count(label, 'recreations', copies)
      return Array.from({ length: copies }, (_, i) => {
        const typo = random.chance(0.3)
        if (typo) truth.count(label, 'mistyped_copies')
        return {
          system: PLACES[i % PLACES.length]!,
          delayMs: random.lognormal(40 * 60_000, 0.8),
          channelOrderNo: typo ? order.channelOrderNo.slice(0, -1) + String((Number(order.channelOrderNo.slice(-1)) + 1) % 10) : order.channelOrderNo,
        }
      })
    },
  }
}
