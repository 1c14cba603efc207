/**
 * The KPI API's answers, declared once for the server and the console
 * (which imports them type-only): this file must stay free of imports that
 * need Node or the store, so the console's type check can read it.
 */
export type KpiStatus = 'healthy' | 'warning' | 'critical' | 'no_data'
export type KpiUnit = 'ratio' | 'minutes' | 'count' | 'ms'

/** A catalogue entry as the API gives it (the typebox schema in catalogue.ts checks kpis.yml against the same fields). */
export interface KpiFields {
  id: string
  name: { en: string; zh: string }
  unit: KpiUnit
  direction: 'higher' | 'lower'
  healthy: number
  warning: number
}

export interface KpiValue {
  key: string
  value: number | null
  n: number
  status: KpiStatus
  previous?: number | null
  /** With a trend asked: this value's points over the window (the drill-down's line), as /kpis/series gives them. */
  points?: SeriesPoint[]
}

export interface KpiResult extends KpiFields {
  value: number | null
  n: number
  status: KpiStatus
  previous: number | null
  /** value − previous, in the KPI's unit. */
  change: number | null
  breakdown?: KpiValue[]
  /** With GET /api/v1/kpis?trend=<bucket>: the KPI over the window bucket by bucket (the card's sparkline), as /kpis/series gives it. */
  points?: SeriesPoint[]
}

/** GET /api/v1/kpis: each KPI with the dimensions it drills down by (asking for another one gives no breakdown). */
export interface KpiSetAnswer {
  from: string
  to: string
  /** The dimension the breakdowns are by, when one was asked. */
  dimension?: string
  previous: { from: string; to: string }
  kpis: (KpiResult & { dimensions: readonly string[] })[]
}

export interface SeriesPoint {
  t: string
  value: number | null
  n: number
}

export interface KpiSeries {
  kpi: string
  bucket: string
  /** One series per drill-down key ('all' without a dimension). */
  series: { key: string; points: SeriesPoint[] }[]
}

/** GET /api/v1/kpis/series. */
export interface KpiSeriesAnswer extends KpiSeries {
  from: string
  to: string
  unit: KpiUnit
  healthy: number
  warning: number
}

/** GET /api/v1/kpis/trends: every asked KPI bucket by bucket over one window, one shared time axis. */
export interface KpiTrendsAnswer {
  from: string
  to: string
  bucket: string
  trends: { kpi: string; points: SeriesPoint[] }[]
}
