import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ms from 'ms'
import { createRowValidator, type RowValidator } from '../../core/contracts/index.ts'
import { parseYamlFile, YamlFileError as RuleFileError, type YamlFile } from '../../core/config/index.ts'
import { DEFAULT_CATALOGUE, DETECTORS } from '../../analyzer/index.ts'
import { RULE_SCHEMAS, type AlertRule, type RuleKind } from './rule-schema.ts'

/** A rule as the engine uses it: its file and line kept for messages, durations in ms. */
export type LoadedRule = AlertRule & { file: string; line: number; forMs: number }

/** A bad rule file: names the file, the line and the field, and says why. */
export { RuleFileError }

const KINDS = Object.keys(RULE_SCHEMAS) as RuleKind[]
const validators = new Map<RuleKind, RowValidator>(KINDS.map((k) => [k, createRowValidator(RULE_SCHEMAS[k]!)]))

/**
 * Every `*.yml` / `*.yaml` file of `dir`, in name order. All problems are
 * collected (a file with errors contributes no rules), so one reload reports
 * them all at once.
 */
export function loadRuleDir(dir: string): { rules: LoadedRule[]; errors: RuleFileError[] } {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
  const rules: LoadedRule[] = []
  const errors: RuleFileError[] = []
  for (const name of files) {
    const file = path.join(dir, name)
    const loaded = loadRuleFile(file, readFileSync(file, 'utf8'))
    if (loaded.errors.length) errors.push(...loaded.errors)
    else rules.push(...loaded.rules)
  }
  errors.push(...duplicateNames(rules))
  return { rules: errors.length ? [] : rules, errors }
}

export function loadRuleFile(file: string, text: string): { rules: LoadedRule[]; errors: RuleFileError[] } {
  let parsed: YamlFile
  try {
    parsed = parseYamlFile(file, text)
  } catch (err) {
    if (err instanceof RuleFileError) return { rules: [], errors: [err] }
    throw err
  }
  const root = parsed.value
  if (!root || typeof root !== 'object' || !Array.isArray((root as { rules?: unknown }).rules)) {
    return { rules: [], errors: [new RuleFileError(file, 1, '/rules', 'a rule file is a map with a list under `rules`')] }
  }
  const rules: LoadedRule[] = []
  const errors: RuleFileError[] = []
  ;(root as { rules: unknown[] }).rules.forEach((raw, i) => {
    const fail = (field: string, reason: string) => errors.push(parsed.fail(`/rules/${i}${field}`, reason))
    const kind = (raw as { kind?: unknown })?.kind
    if (!KINDS.includes(kind as RuleKind)) return fail('/kind', `must be one of: ${KINDS.join(', ')}`)
    const failure = validators.get(kind as RuleKind)!(raw)
    if (failure) return fail(failure.field, failure.reason)
    const rule = raw as AlertRule
    const known = knownTarget(rule)
    if (known) return fail(known.field, known.reason)
    rules.push({ ...rule, file, line: parsed.lineOf(`/rules/${i}`), forMs: rule.for ? ms(rule.for as ms.StringValue) : 0 })
  })
  return { rules, errors }
}

/** A rule must watch something that exists: a KPI of the catalogue, a detector's pattern. */
function knownTarget(rule: AlertRule): { field: string; reason: string } | undefined {
  if (rule.kind === 'kpi' && !DEFAULT_CATALOGUE.some((k) => k.id === rule.kpi)) {
    return { field: '/kpi', reason: `unknown KPI '${rule.kpi}'; known: ${DEFAULT_CATALOGUE.map((k) => k.id).join(', ')}` }
  }
  if (rule.kind === 'finding' && rule.pattern !== '*' && !DETECTORS.some((d) => d.pattern === rule.pattern)) {
    return { field: '/pattern', reason: `unknown pattern '${rule.pattern}'; known: ${DETECTORS.map((d) => d.pattern).join(', ')}, *` }
  }
  return undefined
}

function duplicateNames(rules: LoadedRule[]): RuleFileError[] {
  const seen = new Map<string, LoadedRule>()
  const errors: RuleFileError[] = []
  for (const r of rules) {
    const first = seen.get(r.alert)
    if (first) errors.push(new RuleFileError(r.file, r.line, '/alert', `'${r.alert}' is already defined at ${first.file}:${first.line}`))
    else seen.set(r.alert, r)
  }
  return errors
}
