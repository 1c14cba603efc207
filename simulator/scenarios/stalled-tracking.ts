import { active, inScope, type ScenarioFactory } from '../faults.ts'

/**
 * Story 10: after pick-up, no courier scan for 36 hours or more: a carrier's
 * (or a region's) parcels vanish from tracking. Scope: carrier (default
 * zto), optionally region (the consignee's province, as the stored
 * `region` column holds it).
 */
const HELD_AT_LEAST_MS = 37 * 3_600_000

export const stalledTracking: ScenarioFactory = ({ spec, truth, label }) => {
  const carrier = spec.scope.carrier ?? 'zto'
  return {
    delayFactor(order, step, ms, baseDelayMs) {
      if (step !== 'transit' || order.carrier !== carrier || !active(spec, ms)) return 1
      if (!inScope(spec, { region: order.consignee.province }) || !(Math.abs(hash(order.orderId)) % 1000 < spec.intensity * 1000)) return 1
      truth.affected(label, order.orderId)
      // Median five hours becomes four days, and never less than the 36 h the story is about.
      return Math.max(20, HELD_AT_LEAST_MS / baseDelayMs)
    },
  }
}

function hash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0
  return h
}
