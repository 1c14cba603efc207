import ms from 'ms'
import { computeKpis, type KpiResult } from '../../../analyzer/index.ts'
import type { Store } from '../../../core/store/index.ts'
import type { LoadedRule } from '../load-rules.ts'
import type { Signal } from '../state.ts'
import { annotate } from './template.ts'

type KpiRule = Extract<LoadedRule, { kind: 'kpi' }>
type Judged = { key: string; value: number | null; n: number; status: string }
type Catalogue = Parameters<typeof computeKpis>[2]

/** Below this many samples a KPI value says too little to page anyone. */
const MIN_SAMPLES = 20
const DEFAULT_WINDOW = '1h'

/**
 * A KPI over the trailing window against its line: the catalogue's
 * warning/critical status, or the rule's own `below` / `above`; overall, or
 * with `by` per value of that dimension.
 */
export async function kpiSignals(store: Store, rule: KpiRule, at: number, catalogue: Catalogue): Promise<Signal[]> {
  const windowMs = ms((rule.window ?? DEFAULT_WINDOW) as ms.StringValue)
  const [kpi] = await computeKpis(store, { from: at - windowMs, to: at, ids: [rule.kpi], ...(rule.by ? { dimension: rule.by as never } : {}) }, catalogue)
  if (!kpi) return []
  // With `by`, each value of the dimension is its own alert (the overall figure would say the same thing twice).
  const judged: Judged[] = rule.by ? (kpi.breakdown ?? []) : [{ key: 'all', value: kpi.value, n: kpi.n, status: kpi.status }]
  return judged.filter((j) => j.value !== null && j.n >= MIN_SAMPLES && breaches(rule, kpi, j)).map((j) => {
    const scope = j.key === 'all' ? {} : { [rule.by!]: j.key }
    const values = { ...scope, where: j.key === 'all' ? '' : ` for ${rule.by}=${j.key}`, where_zh: j.key === 'all' ? '' : `（${rule.by}=${j.key}）`, value: format(kpi, j.value!), healthy: format(kpi, kpi.healthy), warning: format(kpi, kpi.warning), window: rule.window ?? DEFAULT_WINDOW, kpi: kpi.id }
    return {
      labels: { ...rule.labels, ...scope, alertname: rule.alert, severity: rule.severity ?? 'warning', kpi: kpi.id },
      annotations: {
        ...annotate(
          {
            summary: `${kpi.name.en} (${kpi.name.zh}) is ${values.value}${values.where}, against ${values.warning} (warning) and ${values.healthy} (healthy)`,
            summary_zh: `${kpi.name.zh}${values.where_zh}为 ${values.value}，警戒线 ${values.warning}，健康线 ${values.healthy}`,
          },
          rule.annotations,
          values,
        ),
        ...(rule.runbook_url ? { runbook_url: rule.runbook_url } : {}),
        value: String(j.value),
        evidence_url: `/api/v1/kpis?kpi=${kpi.id}&from=${new Date(at - windowMs).toISOString()}&to=${new Date(at).toISOString()}${rule.by ? `&dimension=${rule.by}` : ''}`,
      },
      forMs: rule.forMs,
    }
  })
}

function breaches(rule: KpiRule, kpi: KpiResult, j: Judged): boolean {
  if (rule.below !== undefined || rule.above !== undefined) return (rule.below !== undefined && j.value! < rule.below) || (rule.above !== undefined && j.value! > rule.above)
  return j.status === 'critical' || (j.status === 'warning' && (rule.when ?? 'warning') === 'warning')
}

const format = (kpi: KpiResult, value: number) => (kpi.unit === 'ratio' ? `${(value * 100).toFixed(2)}%` : `${Number(value.toFixed(1))} ${kpi.unit}`)
