/**
 * The cockpit's API answers, imported type-only from the server's own
 * declarations (dependency-free answers.ts files), so nothing is copied and
 * nothing of the server is bundled.
 */
import type { KpiSetAnswer } from '../../../analyzer/kpis/answers.ts'

export type { KpiSeriesAnswer, KpiSetAnswer, KpiStatus, KpiTrendsAnswer, KpiUnit, KpiValue, SeriesPoint } from '../../../analyzer/kpis/answers.ts'
export type { AttributionResult } from '../../../analyzer/attribution/answers.ts'
export type { ChannelConsistency, ConsistencyReport } from '../../../analyzer/report/answers.ts'

/** One KPI of GET /api/v1/kpis, with the dimensions it drills down by. */
export type Kpi = KpiSetAnswer['kpis'][number]
/** The old name of the answer, kept for the page's tests. */
export type KpiSet = KpiSetAnswer
