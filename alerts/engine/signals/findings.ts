import { DETECTORS, type StoredFinding } from '../../../analyzer/index.ts'
import type { LoadedRule } from '../load-rules.ts'
import type { Signal } from '../state.ts'
import { annotate } from './template.ts'

type FindingRule = Extract<LoadedRule, { kind: 'finding' | 'anomaly' }>

const RANK = { info: 0, warning: 1, critical: 2 } as const
const DETECTOR_PATTERNS = new Set(DETECTORS.map((d) => d.pattern))

/**
 * Every open or active finding a rule covers, as an alert labelled with the
 * finding's pattern and scope: it holds while the finding lives and
 * resolves when the finding ends.
 */
export function findingSignals(rule: FindingRule, findings: StoredFinding[]): Signal[] {
  return findings.filter((f) => covers(rule, f)).map((f) => ({
    labels: { ...rule.labels, ...f.scope, alertname: rule.alert, severity: rule.severity ?? f.severity, pattern: f.pattern },
    annotations: {
      // Findings stored before their Chinese texts (migration 014) carry none: the console shows the English.
      ...annotate(
        { summary: f.summary, description: f.fix, ...(f.summary_zh ? { summary_zh: f.summary_zh } : {}), ...(f.fix_zh ? { description_zh: f.fix_zh } : {}) },
        rule.annotations,
        { summary_zh: '', fix_zh: '', ...f, ...f.scope },
      ),
      ...(rule.runbook_url ? { runbook_url: rule.runbook_url } : {}),
      finding_id: f.finding_id,
      evidence_url: `/api/v1/findings/${f.finding_id}`,
      first_seen: f.first_seen,
    },
    forMs: rule.forMs,
  }))
}

function covers(rule: FindingRule, f: StoredFinding): boolean {
  if (rule.kind === 'finding') {
    if (rule.pattern === '*' ? !DETECTOR_PATTERNS.has(f.pattern) : f.pattern !== rule.pattern) return false
    return RANK[f.severity] >= RANK[rule.min_severity ?? 'info']
  }
  if (rule.pattern === '*' ? !f.pattern.startsWith('anomaly_') : f.pattern !== rule.pattern) return false
  return !rule.series || f.scope.series === rule.series
}
