/** GET /api/v1/kpis (analyzer/routes/kpis.ts; KpiResult in analyzer/kpis/compute.ts). */
export type KpiStatus = 'healthy' | 'warning' | 'critical' | 'no_data'
export type KpiUnit = 'ratio' | 'minutes' | 'count' | 'ms'

export interface Kpi {
  id: string
  name: { en: string; zh: string }
  unit: KpiUnit
  direction: 'higher' | 'lower'
  healthy: number
  warning: number
  value: number | null
  n: number
  status: KpiStatus
  previous: number | null
  change: number | null
}

export interface KpiSet {
  from: string
  to: string
  previous: { from: string; to: string }
  kpis: Kpi[]
}
