import type { Kpi } from './types.ts'

/** A KPI as GET /api/v1/kpis answers it: the call success rate below its warning line, changed by `over`. */
export const kpi = (over: Partial<Kpi> = {}): Kpi => ({
  id: 'call_success_rate',
  name: { en: 'Interface call success', zh: '接口调用成功率' },
  unit: 'ratio',
  direction: 'higher',
  healthy: 0.995,
  warning: 0.98,
  value: 0.9712,
  n: 5000,
  status: 'critical',
  previous: 0.9981,
  change: -0.0269,
  dimensions: ['channel', 'source_system', 'target_system', 'endpoint'],
  ...over,
})
