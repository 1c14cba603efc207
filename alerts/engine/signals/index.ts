import { listFindings, type StoredFinding } from '../../../analyzer/index.ts'
import type { Store } from '../../../core/store/index.ts'
import type { LoadedRule } from '../load-rules.ts'
import type { Signal } from '../state.ts'
import { findingSignals } from './findings.ts'
import { freshnessSignals } from './freshness.ts'
import { kpiSignals } from './kpis.ts'

export interface RuleEvaluation {
  signals: Signal[]
  /** Rules that could not be evaluated this time, with why (the others still count). */
  failures: { alert: string; error: string }[]
}

/** What every rule says holds at `at`. Findings are read once for all the rules that watch them. */
export async function evaluateRules(store: Store, rules: LoadedRule[], at: number, catalogue: Parameters<typeof kpiSignals>[3]): Promise<RuleEvaluation> {
  let findings: StoredFinding[] | undefined
  const liveFindings = async () => (findings ??= await listFindings(store, { status: ['open', 'active'], limit: 1000 }))
  const out: RuleEvaluation = { signals: [], failures: [] }
  for (const rule of rules) {
    try {
      if (rule.kind === 'finding' || rule.kind === 'anomaly') out.signals.push(...findingSignals(rule, await liveFindings()))
      else if (rule.kind === 'kpi') out.signals.push(...(await kpiSignals(store, rule, at, catalogue)))
      else if (rule.kind === 'freshness') out.signals.push(...(await freshnessSignals(store, rule, at)))
      // Risk rules wait for the risk model's scores.
    } catch (err) {
      out.failures.push({ alert: rule.alert, error: (err as Error).message })
    }
  }
  return out
}
