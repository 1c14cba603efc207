import type { Severity } from './types.ts'

export const FINDINGS_PATH = '/api/v1/findings'
export const SERIES_PATH = '/api/v1/kpis/series'
export const CALL_SUCCESS_KPI = 'call_success_rate'

/** Most urgent first in the findings table. */
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }
