import { active, type ScenarioFactory } from '../faults.ts'

/**
 * Story 4: a server clock jumps and cron thinks the time has not come: the
 * JD order import stops. No heartbeat, no volume; the channel's orders wait
 * unseen until the job runs again and moves them all at once.
 * Scope: job (default jd_order_import); its channel is the job's prefix.
 */
export const stoppedJob: ScenarioFactory = ({ spec, truth, label }) => {
  const job = spec.scope.job ?? 'jd_order_import'
  const channel = spec.scope.channel ?? job.replace(/_order_import$/, '')
  return {
    skipJobRun(name, ms) {
      if (name !== job || !active(spec, ms)) return false
      truth.count(label, 'runs_skipped')
      return true
    },
    onOrderCreated(order, ms) {
      if (order.channel.id === channel && active(spec, ms)) truth.affected(label, order.orderId)
      return []
    },
  }
}
