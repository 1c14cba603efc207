/**
 * GET /api/v1/findings (analyzer/routes/findings.ts; StoredFinding in analyzer/findings/lifecycle.ts). Declared
 * here, not imported: lifecycle.ts and detectors/types.ts import Node and the store, which the console cannot type-check.
 */
export type Severity = 'critical' | 'warning' | 'info'

export interface Finding {
  finding_id: string
  pattern: string
  severity: Severity
  status: 'open' | 'active' | 'ended'
  scope: Record<string, string>
  first_seen: string
  last_seen: string
  summary: string
  evidence: Record<string, unknown>
  fix: string
}

export interface FindingList {
  findings: Finding[]
  patterns: string[]
}

/** GET /api/v1/kpis/series, declared once in analyzer/kpis/answers.ts (type-only). */
export type { KpiSeriesAnswer as KpiSeries, SeriesPoint } from '../../../analyzer/kpis/answers.ts'

// The sync-health API's answers, one definition for the server and the console (type-only: nothing of the server is bundled).
export type {
  CallHealth,
  EndpointHealth,
  EndpointsAnswer,
  ErrorReason,
  ErrorsAnswer,
  HealthStatus,
  HeatmapAnswer,
  HeatmapBy,
  JobHealth,
  JobsAnswer,
  QueueHealth,
  QueuePoint,
  QueuesAnswer,
  SystemHealth,
} from '../../../analyzer/sync/types.ts'

/** What every sync panel is given by the page: the window (and bucket) of the URL. */
export interface PanelWindow {
  from: string
  to: string
}
