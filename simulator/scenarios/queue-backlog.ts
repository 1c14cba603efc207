import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 5: the OMS → WMS push queue backs up at peak: consumers fall behind,
 * the queue grows to tens of thousands and some orders wait hours between
 * payment and the warehouse. The slowdown ramps up over the window.
 * Scope: queue (oms-to-wms), optionally warehouse.
 */
export const queueBacklog: ScenarioFactory = ({ spec, truth, label }) => ({
  delayFactor(order, step, ms) {
    if (step !== 'push' || !active(spec, ms) || !inScope(spec, { warehouse: order.warehouse.code, channel: order.channel.id })) return 1
    const progress = (ms - spec.start) / spec.durationMs
    truth.affected(label, order.orderId)
    return 1 + spec.intensity * 60 * Math.min(1, 0.2 + progress)
  },
})
