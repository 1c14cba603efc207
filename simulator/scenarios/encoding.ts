import { active, inScope, type ScenarioFactory } from '../faults.ts'
import { hasRareCharacter } from '../model/names.ts'

/**
 * Story 2: the OMS order table is latin1/utf8mb3, so orders whose consignee
 * name holds a rare character (𠮷, 龘, anything outside the basic plane)
 * fail to be written — silently, about 1.2% of a channel's orders.
 * Scope: channel (default douyin).
 */
export const encoding: ScenarioFactory = ({ spec, truth, label }) => {
  const channel = spec.scope.channel ?? 'douyin'
  return {
    interceptCall(call, order, random) {
      if (!order || order.channel.id !== channel || !active(spec, Date.parse(call.ts))) return undefined
      if (call.endpoint !== '/orders/push' && call.endpoint !== '/orders/detail') return undefined
      if (!inScope(spec, { channel: order.channel.id }) || !hasRareCharacter(order.consignee.name + order.consignee.address)) return undefined
      if (!random.chance(spec.intensity)) return undefined
      truth.affected(label, order.orderId)
      truth.count(label, 'writes_failed')
      const bytes = [...Buffer.from([...order.consignee.name].find((c) => hasRareCharacter(c)) ?? '𠮷')].map((b) => `\\x${b.toString(16).toUpperCase()}`).join('')
      return {
        http_status: 500,
        error_code: 'DB_WRITE_FAILED',
        error_message: `Incorrect string value: '${bytes}' for column 'receiver_name' at row 1`,
        retryDelaysMs: [],
        retriesSucceed: false,
      }
    },
  }
}
