/**
 * The sync-health API's answers (GET /api/v1/sync/*), declared once here and
 * imported type-only by the console (console/src/sync-health/types.ts).
 * Dependency-free on purpose: nothing of the server is bundled with it.
 * Times are ISO-8601 UTC; latencies in milliseconds; rates 0..1.
 */

export type HealthStatus = 'healthy' | 'warning' | 'critical' | 'no_data'

/** Calls, failures and latency of one group of calls (an endpoint, a system). */
export interface CallHealth {
  calls: number
  /** Calls answered with anything but 2xx/3xx (as the call_success_rate KPI counts them). */
  failures: number
  /** failures / calls; null without calls. */
  success_rate: number | null
  /** Calls that were a retry of an earlier attempt. */
  retries: number
  /** Coloured against the call_success_rate KPI's thresholds. */
  status: HealthStatus
  avg_ms: number | null
  p50_ms: number | null
  p95_ms: number | null
  p99_ms: number | null
  max_ms: number | null
}

export interface EndpointHealth extends CallHealth {
  source_system: string
  target_system: string
  endpoint: string
}

/** A system's calls: every endpoint it serves (by target system, the side that answers). */
export interface SystemHealth extends CallHealth {
  system: string
}

export interface EndpointsAnswer {
  from: string
  to: string
  system: string | null
  /** The call_success_rate KPI's lines (catalogue with the company's overrides). */
  thresholds: { healthy: number; warning: number }
  /** Worst success rate first. */
  endpoints: EndpointHealth[]
  systems: SystemHealth[]
}

export interface ErrorReason {
  error_code: string
  status_class: string
  calls: number
  /** Of all failed calls in the window (and filter). */
  share: number
  /** Endpoints answering with it, most affected first (at most 5). */
  endpoints: { source_system: string; target_system: string; endpoint: string; calls: number }[]
  /** One stored error message for the code on its most affected endpoint, when there is one. */
  sample_message: string | null
}

export interface ErrorsAnswer {
  from: string
  to: string
  system: string | null
  endpoint: string | null
  calls: number
  failures: number
  /** Most frequent first, at most `limit`. */
  reasons: ErrorReason[]
  /** How many distinct reasons there were before the limit. */
  total_reasons: number
}

export type HeatmapBy = 'client_ip' | 'channel'

export interface HeatmapAnswer {
  from: string
  to: string
  by: HeatmapBy
  system: string | null
  /** Endpoints with failures, most failures first. */
  rows: { target_system: string; endpoint: string; calls: number; failures: number }[]
  /** Client IPs or channels with failures, most failures first ('' shown as unknown). */
  columns: { key: string; calls: number; failures: number }[]
  /** Only pairs with calls; `row` and `col` index rows and columns. */
  cells: { row: number; col: number; calls: number; failures: number }[]
  /** Endpoints and columns with failures before the caps. */
  total_rows: number
  total_columns: number
}

export interface JobHealth {
  job: string
  channel: string
  host: string
  schedule: string
  last_run: string | null
  last_status: string | null
  last_success: string | null
  /** Seconds from the last success to the end of the window (the moment judged). */
  last_success_age_s: number | null
  /** Successful runs in a row, newest back, broken by a failed or a missed run; 0 when a run is overdue. */
  consecutive_successes: number
  /** The streak reached the look-back limit: it is at least this long. */
  consecutive_capped: boolean
  /** When the next run was due after the last one (by its cron schedule, else its usual interval). */
  next_due: string | null
  /** The due run has not started, past a grace period, by the end of the window. */
  overdue: boolean
  /** In the window: */
  runs: number
  failures: number
  avg_duration_ms: number | null
  rows_moved: number
}

export interface JobsAnswer {
  from: string
  to: string
  /** Overdue and failing jobs first. */
  jobs: JobHealth[]
}

export interface QueuePoint {
  t: string
  /** Deepest and oldest in the bucket; null when it was not sampled. */
  depth: number | null
  oldest_age_s: number | null
}

export interface QueueHealth {
  queue: string
  depth: number
  oldest_age_s: number
  consumers: number
  sampled_at: string
  peak_depth: number
  points: QueuePoint[]
}

export interface QueuesAnswer {
  from: string
  to: string
  bucket: string
  queues: QueueHealth[]
}
