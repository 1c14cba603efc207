/** Answers of the sync-health API as the server gives them, for the component tests. */
import type { EndpointHealth, EndpointsAnswer, ErrorsAnswer, HeatmapAnswer, JobHealth, JobsAnswer, QueuesAnswer } from './types.ts'

const health = { retries: 0, avg_ms: 60, p50_ms: 48.3, p95_ms: 158, p99_ms: 213, max_ms: 253 }

export const endpoint = (over: Partial<EndpointHealth>): EndpointHealth => ({
  source_system: 'oms',
  target_system: 'wms',
  endpoint: '/wms/orders/push',
  calls: 1000,
  failures: 0,
  success_rate: 1,
  status: 'healthy',
  ...health,
  ...over,
})

export const ENDPOINTS: EndpointsAnswer = {
  from: '2026-03-10T18:00:00.000Z',
  to: '2026-03-10T20:00:00.000Z',
  system: null,
  thresholds: { healthy: 0.995, warning: 0.98 },
  endpoints: [
    endpoint({ source_system: 'wms', target_system: 'oms', endpoint: '/callback/shipment', calls: 455, failures: 213, success_rate: 0.5318681318681319, retries: 165, status: 'critical', p95_ms: 12_345 }),
    endpoint({ calls: 231, failures: 3, success_rate: 0.987012987012987, status: 'warning' }),
    endpoint({ source_system: 'oms', target_system: 'tms', endpoint: '/tracking/query', calls: 12_000 }),
  ],
  systems: [
    { system: 'oms', calls: 586, failures: 214, success_rate: 0.6348, status: 'critical', ...health },
    { system: 'wms', calls: 231, failures: 3, success_rate: 0.987, status: 'warning', ...health },
  ],
}

export const ERRORS: ErrorsAnswer = {
  from: ENDPOINTS.from,
  to: ENDPOINTS.to,
  system: null,
  endpoint: null,
  calls: 2519,
  failures: 221,
  total_reasons: 3,
  reasons: [
    { error_code: 'IP_NOT_IN_WHITELIST', status_class: '4xx', calls: 211, share: 0.9547, endpoints: [{ source_system: 'wms', target_system: 'oms', endpoint: '/callback/shipment', calls: 211 }], sample_message: 'client ip 10.8.1.21 is not in the whitelist' },
    { error_code: '', status_class: '5xx', calls: 10, share: 0.0453, endpoints: [{ source_system: 'oms', target_system: 'wms', endpoint: '/wms/orders/push', calls: 10 }], sample_message: null },
  ],
}

export const HEATMAP: HeatmapAnswer = {
  from: ENDPOINTS.from,
  to: ENDPOINTS.to,
  by: 'client_ip',
  system: null,
  rows: [
    { target_system: 'oms', endpoint: '/callback/shipment', calls: 455, failures: 213 },
    { target_system: 'wms', endpoint: '/wms/orders/push', calls: 231, failures: 3 },
  ],
  columns: [
    { key: '10.8.1.21', calls: 279, failures: 212 },
    { key: '', calls: 10, failures: 4 },
  ],
  cells: [
    { row: 0, col: 0, calls: 279, failures: 212 },
    { row: 0, col: 1, calls: 7, failures: 1 },
    { row: 1, col: 1, calls: 3, failures: 3 },
  ],
  total_rows: 2,
  total_columns: 2,
}

export const job = (over: Partial<JobHealth>): JobHealth => ({
  job: 'taobao_order_import',
  channel: 'taobao',
  host: 'sync-01',
  schedule: '*/5 * * * *',
  last_run: '2026-03-11T00:55:02.309Z',
  last_status: 'success',
  last_success: '2026-03-11T00:55:02.309Z',
  last_success_age_s: 298,
  consecutive_successes: 138,
  consecutive_capped: false,
  next_due: '2026-03-11T01:00:00.000Z',
  overdue: false,
  runs: 36,
  failures: 0,
  avg_duration_ms: 8916.7,
  rows_moved: 12_056,
  ...over,
})

export const JOBS: JobsAnswer = {
  from: '2026-03-10T22:00:00.000Z',
  to: '2026-03-11T01:00:00.000Z',
  jobs: [
    job({ job: 'pinduoduo_order_import', channel: 'pinduoduo', last_success_age_s: 7199, consecutive_successes: 0, overdue: true, next_due: '2026-03-10T23:05:00.000Z' }),
    job({ job: 'erp_inventory_sync', channel: '', last_status: 'failed', consecutive_successes: 0, failures: 1 }),
    job({}),
  ],
}

export const QUEUES: QueuesAnswer = {
  from: ENDPOINTS.from,
  to: ENDPOINTS.to,
  bucket: '1h',
  queues: [
    { queue: 'oms-to-wms', depth: 83, oldest_age_s: 1260, consumers: 4, sampled_at: '2026-03-10T19:59:00.000Z', peak_depth: 91, points: [{ t: '2026-03-10T18:00:00.000Z', depth: 5, oldest_age_s: 60 }, { t: '2026-03-10T19:00:00.000Z', depth: 91, oldest_age_s: 1300 }] },
    { queue: 'erp-sync', depth: 5, oldest_age_s: 1, consumers: 2, sampled_at: '2026-03-10T19:59:00.000Z', peak_depth: 17, points: [{ t: '2026-03-10T18:00:00.000Z', depth: 17, oldest_age_s: 3 }, { t: '2026-03-10T19:00:00.000Z', depth: null, oldest_age_s: null }] },
  ],
}
