import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 8: WMS says shipped, OMS still says awaiting shipment: the status
 * updates are lost between them for a share of orders (intensity), and the
 * systems disagree far longer than any tolerance. Scope: warehouse.
 */
export const statusDesync: ScenarioFactory = ({ spec, truth, label }) => {
  const decided = new Map<string, boolean>()
  return {
    suppressReport(order, system, step, ms, random) {
      if (system !== 'oms' || (step !== 'pickup' && step !== 'deliver' && step !== 'complete')) return false
      if (!active(spec, ms) && !decided.has(order.orderId)) return false
      if (!inScope(spec, { warehouse: order.warehouse.code, channel: order.channel.id })) return false
      let lost = decided.get(order.orderId)
      if (lost === undefined) decided.set(order.orderId, (lost = random.chance(spec.intensity)))
      if (lost) truth.affected(label, order.orderId)
      return lost
    },
  }
}
