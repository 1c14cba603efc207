/**
 * GET /api/v1/attribution's answer, declared once for the server and the
 * console (type-only import there): only dependency-free modules imported.
 */
import type { ExplainedCause, Measure } from './explain.ts'
import type { AttributionMetric } from './metrics.ts'

export interface AttributionResult {
  metric: string
  kind: AttributionMetric['kind']
  dimensions: string[]
  from: string
  to: string
  baseline: { method: 'median_of_previous_days' | 'window'; windows: { from: string; to: string }[]; windows_with_data: number }
  leaves: number
  totals: Measure & { z: number }
  root_causes: (ExplainedCause & { z: number })[]
  /** Causes RiskLoc named whose own change was within the noise (|z| < 3), left out. */
  insignificant_causes: number
}
