import type { HeatmapBy, Severity } from './types.ts'

export const FINDINGS_PATH = '/api/v1/findings'
export const SERIES_PATH = '/api/v1/kpis/series'
export const CALL_SUCCESS_KPI = 'call_success_rate'
export const ENDPOINTS_PATH = '/api/v1/sync/endpoints'
export const ERRORS_PATH = '/api/v1/sync/errors'
export const HEATMAP_PATH = '/api/v1/sync/heatmap'
export const JOBS_PATH = '/api/v1/sync/jobs'
export const QUEUES_PATH = '/api/v1/sync/queues'

/** Most urgent first in the findings table. */
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }

/** The heat map's columns, the first being the default (a whitelist or firewall refusal shows per client IP). */
export const HEATMAP_BY: readonly HeatmapBy[] = ['client_ip', 'channel']

/** Error reasons drawn in the bar chart. */
export const ERROR_LIMIT = 10

// Health colours are the cockpit's, so a status looks the same on every page.
export { STATUS_COLOURS } from '../cockpit/constants.ts'

/** domain.md's circuit breaker for a queue: more than 200 waiting, or the oldest waiting over 8 minutes (the queue_backlog detector's lines). */
export const QUEUE_BREAKER = { depth: 200, oldestAgeS: 8 * 60 }
