import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../core/store/index.ts'
import { DEFAULT_CATALOGUE, type StoredFinding } from '../analyzer/index.ts'
import { loadRuleFile, type LoadedRule } from '../alerts/engine/load-rules.ts'
import { findingSignals } from '../alerts/engine/signals/findings.ts'
import { freshnessSignals } from '../alerts/engine/signals/freshness.ts'
import { kpiSignals } from '../alerts/engine/signals/kpis.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
const at = (h: number) => FROM + h * HOUR

/** One rule from YAML text, as the engine loads it. */
function rule<K extends LoadedRule['kind']>(yaml: string): Extract<LoadedRule, { kind: K }> {
  const { rules, errors } = loadRuleFile('test.yml', `rules:\n  - ${yaml.trim().split('\n').join('\n    ')}\n`)
  expect(errors.map((e) => e.message)).toEqual([])
  return rules[0] as Extract<LoadedRule, { kind: K }>
}

describe('what alert rules say holds', () => {
  let store: Store

  beforeAll(async () => {
    ;({ store } = await simulateIntoStore(testConfig(), {
      seed: 11,
      from: FROM,
      to: at(30),
      ordersPerDay: 3000,
      faults: [
        { scenario: 'throttling', start: at(25), durationMs: 2 * HOUR, intensity: 1, scope: { target_system: 'jd_api' } },
        { scenario: 'stopped_job', start: at(26), durationMs: 3 * HOUR, intensity: 1, scope: { job: 'pinduoduo_order_import' } },
      ],
    }))
  })
  afterAll(async () => {
    await store?.close()
  })

  it('a KPI under its line, per drill-down value, with the value in the summary; nothing before the fault', async () => {
    const r = rule<'kpi'>(`kind: kpi\nalert: CallsLow\nkpi: call_success_rate\nwindow: 30m\nby: target_system\nbelow: 0.9\nannotations: { summary: "success {{ value }}{{ where }}" }`)
    const during = await kpiSignals(store, r, at(26), DEFAULT_CATALOGUE)
    expect(during.map((s) => s.labels)).toEqual([{ target_system: 'jd_api', alertname: 'CallsLow', severity: 'warning', kpi: 'call_success_rate' }])
    expect(during[0]!.annotations.summary).toMatch(/^success \d+\.\d\d% for target_system=jd_api$/)
    expect(Number(during[0]!.annotations.value)).toBeLessThan(0.9)
    expect(await kpiSignals(store, r, at(24) + 30 * MIN, DEFAULT_CATALOGUE)).toEqual([])
  })

  it('a KPI alert says it in Chinese too, with the same value and scope: the engine default, or the rule\'s Chinese template', async () => {
    const plain = rule<'kpi'>('kind: kpi\nalert: CallsLow\nkpi: call_success_rate\nwindow: 30m\nby: target_system\nbelow: 0.9')
    const [d] = await kpiSignals(store, plain, at(26), DEFAULT_CATALOGUE)
    const value = d!.annotations.summary!.match(/ is (\d+\.\d\d%) for target_system=jd_api/)![1]!
    expect(d!.annotations.summary_zh).toMatch(new RegExp(`^接口调用成功率.*（target_system=jd_api）为 ${value.replace('.', '\\.')}，`))
    const templated = rule<'kpi'>('kind: kpi\nalert: CallsLow\nkpi: call_success_rate\nwindow: 30m\nby: target_system\nbelow: 0.9\nannotations: { summary: "success {{ value }}{{ where }}", summary_zh: "成功率{{ where_zh }}为 {{ value }}" }')
    const [t] = await kpiSignals(store, templated, at(26), DEFAULT_CATALOGUE)
    expect(t!.annotations).toMatchObject({ summary: `success ${value} for target_system=jd_api`, summary_zh: `成功率（target_system=jd_api）为 ${value}` })
  })

  it('a job silent past quiet_for although it ran at that time yesterday; the others not', async () => {
    const r = rule<'freshness'>('kind: freshness\nalert: JobQuiet\nsource: job\nquiet_for: 20m')
    expect(await freshnessSignals(store, r, at(26) + 10 * MIN)).toEqual([])
    const quiet = await freshnessSignals(store, r, at(26) + 30 * MIN)
    expect(quiet.map((s) => s.labels.job)).toEqual(['pinduoduo_order_import'])
    expect(quiet[0]!.labels).toMatchObject({ alertname: 'JobQuiet', severity: 'critical' })
    expect(quiet[0]!.annotations.summary).toMatch(/^No events from job pinduoduo_order_import for (2\d|3\d) min/)
  })

  it('a source named by the rule, even one that never sent anything', async () => {
    const r = rule<'freshness'>('kind: freshness\nalert: NoPos2\nsource: channel\nvalue: pos2\nquiet_for: 30m')
    expect((await freshnessSignals(store, r, at(28))).map((s) => s.labels.channel)).toEqual(['pos2'])
  })
})

describe('findings as alerts', () => {
  const finding = (over: Partial<StoredFinding>): StoredFinding => ({
    finding_id: '0123456789abcdef-x',
    fingerprint: '0123456789abcdef',
    pattern: 'ip_whitelist',
    severity: 'critical',
    status: 'active',
    scope: { client_ip: '10.8.1.21' },
    first_seen: '2026-03-11T02:00:00.000Z',
    last_seen: '2026-03-11T02:05:00.000Z',
    detected_at: '2026-03-11T02:01:00.000Z',
    evaluated_at: '2026-03-11T02:05:00.000Z',
    ended_at: null,
    passes: 5,
    summary: 'oms refuses /callback/shipment from 10.8.1.21',
    evidence: {},
    fix: 'Add 10.8.1.21 to the whitelist',
    version: 1,
    ...over,
  })

  it('carry the pattern and scope as labels, and the finding as the evidence link', () => {
    const r = rule<'finding'>('kind: finding\nalert: Pattern\npattern: "*"\nlabels: { team: sre }\nannotations: { summary: "{{ summary }} ({{ client_ip }})" }')
    const [s] = findingSignals(r, [finding({})])
    expect(s!.labels).toEqual({ team: 'sre', client_ip: '10.8.1.21', alertname: 'Pattern', severity: 'critical', pattern: 'ip_whitelist' })
    expect(s!.annotations).toMatchObject({ summary: 'oms refuses /callback/shipment from 10.8.1.21 (10.8.1.21)', description: 'Add 10.8.1.21 to the whitelist', evidence_url: '/api/v1/findings/0123456789abcdef-x' })
  })

  it('keep to their pattern and minimum severity; `*` is every detector pattern, not the anomalies', () => {
    const star = rule<'finding'>('kind: finding\nalert: P\npattern: "*"\nmin_severity: critical')
    const all = [finding({}), finding({ pattern: 'encoding', severity: 'warning' }), finding({ pattern: 'anomaly_surge', scope: { series: 'channel_orders', channel: 'jd' } })]
    expect(findingSignals(star, all).map((s) => s.labels.pattern)).toEqual(['ip_whitelist'])
    const surge = rule<'anomaly'>('kind: anomaly\nalert: S\npattern: anomaly_surge\nseries: channel_orders')
    expect(findingSignals(surge, all).map((s) => s.labels.channel)).toEqual(['jd'])
    const other = rule<'anomaly'>('kind: anomaly\nalert: S\npattern: anomaly_surge\nseries: job_rows')
    expect(findingSignals(other, all)).toEqual([])
  })
})
