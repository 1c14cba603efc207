/** GET /api/v1/findings, declared once in analyzer/findings/answer.ts (type-only). */
export type { FindingListAnswer as FindingList, Severity, StoredFinding as Finding } from '../../../analyzer/findings/answer.ts'

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
