import type { ScenarioFactory, ScenarioId } from '../faults.ts'
import { encoding } from './encoding.ts'
import { ipWhitelist } from './ip-whitelist.ts'
import { manualDuplicates } from './manual-duplicates.ts'
import { presaleReceiver } from './presale-receiver.ts'
import { queueBacklog } from './queue-backlog.ts'
import { stalledTracking } from './stalled-tracking.ts'
import { statusDesync } from './status-desync.ts'
import { stoppedJob } from './stopped-job.ts'
import { throttling } from './throttling.ts'
import { trafficSurge } from './traffic-surge.ts'

/** Every failure story of domain.md, by id. */
export const SCENARIOS: Record<ScenarioId, ScenarioFactory> = {
  ip_whitelist: ipWhitelist,
  encoding,
  throttling,
  stopped_job: stoppedJob,
  queue_backlog: queueBacklog,
  presale_receiver: presaleReceiver,
  manual_duplicates: manualDuplicates,
  status_desync: statusDesync,
  traffic_surge: trafficSurge,
  stalled_tracking: stalledTracking,
}
