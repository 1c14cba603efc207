import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import { runDetectionPass } from '../analyzer/index.ts'
import { detectAnomalies, SERIES, type AnomalyPattern, type SeriesDef } from '../analyzer/anomaly/index.ts'
import { episodeFinding } from '../analyzer/anomaly/findings.ts'
import type { BucketScore } from '../analyzer/anomaly/score.ts'
import type { DetectedFinding } from '../analyzer/detectors/index.ts'
import { writeFindings } from '../analyzer/findings/store.ts'
import type { StoredFinding } from '../analyzer/findings/answer.ts'
import { buildApp } from '../server/app.ts'
import { firstDetection } from '../testkit/detection.ts'
import { evidenceStart, STORY_HOURS, storyFaults } from '../testkit/stories.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const MIN = 60_000
const HOUR = 60 * MIN
// The same Tuesday and stories as the detectors' scenario test.
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
const FAULTS = storyFaults(FROM)
const spec = (scenario: string) => FAULTS.find((f) => f.scenario === scenario)!

const CJK = /[\u4e00-\u9fff]/

/**
 * The values an on-call person acts on, as they appear in the English text:
 * numbers (counts, minutes, IPs, percentages, ratios), snake_case names
 * (states, jobs, systems), endpoint paths, acronyms (WMS, OMS, NTP, IP) and
 * the scope's values (channel, warehouse, queue…). The Chinese must carry each.
 */
function keyValues(english: string, scope: Record<string, string>): string[] {
  const found = [
    ...(english.match(/\d+(?:[.:]\d+)*%?/g) ?? []),
    ...(english.match(/[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+/g) ?? []),
    ...(english.match(/\/[\w/.-]*\w/g) ?? []),
    ...(english.match(/\b[A-Z]{2,}\b/g) ?? []),
    ...Object.values(scope).filter((v) => v && english.includes(v)),
  ]
  return [...new Set(found)]
}

const missingIn = (chinese: string, english: string, scope: Record<string, string>) => keyValues(english, scope).filter((v) => !chinese.includes(v))

/** Every problem with a finding's Chinese texts, named, so a failure says which finding and which value. */
function chineseProblems(f: DetectedFinding | StoredFinding): string[] {
  const problems: string[] = []
  for (const [field, zh, en] of [['summary_zh', f.summary_zh, f.summary], ['fix_zh', f.fix_zh, f.fix]] as const) {
    if (!zh) { problems.push(`${f.pattern} ${field} empty`); continue }
    if (!CJK.test(zh)) problems.push(`${f.pattern} ${field} has no Chinese: ${zh}`)
    const missing = missingIn(zh, en, f.scope)
    if (missing.length) problems.push(`${f.pattern} ${field} lacks ${JSON.stringify(missing)} of "${en}" in "${zh}"`)
  }
  return problems
}

describe('the key-value check', () => {
  it('catches a Chinese text that lost or changed a number, an IP, a state or a name', () => {
    const en = 'oms refuses /callback/shipment from 10.8.1.21: 211 of 221 calls refused, deposit_paid, WMS 12.5%'
    const scope = { target_system: 'oms', client_ip: '10.8.1.21' }
    const good = 'oms 拒绝来自 10.8.1.21 的 /callback/shipment 调用：221 次中 211 次被拒，deposit_paid，WMS 12.5%'
    expect(missingIn(good, en, scope)).toEqual([])
    expect(missingIn(good.replace('211', '210'), en, scope)).toContain('211')
    expect(missingIn(good.replace('10.8.1.21', '10.8.1.2'), en, scope)).toContain('10.8.1.21')
    expect(missingIn(good.replace('/callback/shipment', '回调'), en, scope)).toContain('/callback/shipment')
    expect(missingIn(good.replace('deposit_paid', '已付定金'), en, scope)).toContain('deposit_paid')
    expect(missingIn(good.replace('WMS', '仓储'), en, scope)).toContain('WMS')
    expect(missingIn(good.replace('12.5%', '12%'), en, scope)).toContain('12.5%')
    expect(missingIn(good.replace(/^oms/, 'OMS 系统'), 'oms refuses', { target_system: 'oms' })).toEqual(['oms'])
  })
})

/** Buckets of one anomaly episode, shaped so that episodeFinding reports `pattern` (params.ts's effect sizes). */
function episodeOf(def: SeriesDef, pattern: AnomalyPattern, seasonal: boolean): BucketScore[] {
  const baseline = (expected: number) => (seasonal ? { source: 'seasonal' as const, days: 7, expected, sigma: 2 } : { source: 'recent_hours' as const, days: 0, expected, sigma: 2 })
  const t = (i: number) => Date.parse('2026-03-11T02:00:00Z') + i * 15 * MIN
  if (def.kind === 'count') {
    const actual = pattern === 'anomaly_surge' ? 100 : 2
    return [0, 1, 2].map((i) => ({ t: t(i), actual, calls: 0, baseline: baseline(30), z: pattern === 'anomaly_surge' ? 9.5 : -6.25 }))
  }
  // Failures out of 100 calls per bucket: a sharp fall fails at once, a slide grows.
  const failures = pattern === 'anomaly_drop' ? [50, 60, 55] : [3, 4, 20, 30]
  return failures.map((actual, i) => ({ t: t(i), actual, calls: 100, baseline: baseline(1), z: -actual / 2 }))
}

describe('the anomaly texts of every series and pattern', () => {
  const DIMS: Record<string, Record<string, string>> = {
    channel_orders: { channel: 'douyin' },
    endpoint_calls: { target_system: 'oms', endpoint: '/callback/shipment' },
    endpoint_success: { target_system: 'jd_api', endpoint: '/logistics/upload' },
    job_rows: { job: 'pinduoduo_order_import' },
    customer_queries: {},
    self_service_success: { channel: 'taobao', region: 'east' },
  }
  const cases = SERIES.flatMap((def) => (Object.keys(def.action) as AnomalyPattern[]).flatMap((pattern) => [true, false].map((seasonal) => ({ def, pattern, seasonal }))))

  it('cover every series and pattern with a seasonal and a recent-hours baseline, and carry the English values', () => {
    const made = cases.map(({ def, pattern, seasonal }) => {
      const dims = DIMS[def.id] ?? {}
      const scores = episodeOf(def, pattern, seasonal)
      const key = Object.values(dims).join(',') || 'all'
      const f = episodeFinding(def, { key, dims, cells: new Map(), firstMs: 0 }, scores, { side: pattern === 'anomaly_surge' ? 'up' : 'down', start: 0, alarm: 1, last: scores.length - 1 })
      expect(f?.pattern, `${def.id} ${pattern}`).toBe(pattern)
      return f!
    })
    expect(made.length).toBeGreaterThanOrEqual(20)
    expect(made.flatMap(chineseProblems)).toEqual([])
    // The baseline is told in Chinese too: reference days, or the recent hours when history is short.
    expect(made.filter((f) => f.summary_zh.includes('7 个参考日'))).toHaveLength(cases.length / 2)
    expect(made.filter((f) => f.summary_zh.includes('历史数据不足'))).toHaveLength(cases.length / 2)
  })
})

/**
 * Every failure story and the anomaly detection, on the simulator: each
 * finding carries a Chinese summary and fix with the English one's numbers,
 * IPs, endpoints and names, and the findings API returns them once stored.
 */
describe('findings in Chinese, on every failure story', () => {
  let store: Store
  let app: FastifyInstance
  const findings: DetectedFinding[] = []

  beforeAll(async () => {
    ;({ store } = await simulateIntoStore(testConfig(), { seed: 31, from: FROM, to: FROM + STORY_HOURS * HOUR, ordersPerDay: 6000, faults: FAULTS }))
    app = await buildApp({ config: testConfig(), store })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('every detector writes a Chinese summary and fix carrying the same values as the English', async () => {
    const within: Record<string, number> = { ip_whitelist: 3, throttling: 2, presale_receiver: 2, stopped_job: 2, traffic_surge: 20, queue_backlog: 8, status_desync: 10, stalled_tracking: 30, encoding: 2, manual_duplicates: 2 }
    for (const [scenario, maxMin] of Object.entries(within)) {
      const detection = await firstDetection(store, scenario, spec(scenario).scope, await evidenceStart(store, spec(scenario)), maxMin)
      expect(detection.finding, scenario).toBeDefined()
      findings.push(detection.finding as DetectedFinding)
    }
    expect(new Set(findings.map((f) => f.pattern)).size).toBe(10)
    expect(findings.flatMap(chineseProblems)).toEqual([])
    // What the texts say, for a reviewer reading the run (and the report).
    console.info(findings.map((f) => `${f.pattern}\n  ${f.summary_zh}\n  ${f.fix_zh}`).join('\n'))
  })

  it('so does the anomaly detection', async () => {
    // Each story at its height, and every hour of the stories' day, so surges, drops and degradations of several series show up.
    const moments = [spec('ip_whitelist').start + 45 * MIN, spec('throttling').start + 30 * MIN, spec('traffic_surge').start + 45 * MIN, spec('stopped_job').start + 2 * HOUR, ...Array.from({ length: 24 }, (_, h) => FROM + (24 + h) * HOUR + 30 * MIN)]
    const anomalies: DetectedFinding[] = []
    for (const at of moments) anomalies.push(...(await detectAnomalies({ store, at, lookbackMs: HOUR })).findings)
    expect(anomalies.length).toBeGreaterThan(0)
    expect(anomalies.every((f) => f.pattern.startsWith('anomaly_'))).toBe(true)
    expect(anomalies.flatMap(chineseProblems)).toEqual([])
    console.info([...new Map(anomalies.map((f) => [f.pattern + f.evidence.series, f])).values()].map((f) => `${f.pattern}\n  ${f.summary_zh}\n  ${f.fix_zh}`).join('\n'))
  })

  it('the findings API returns them after a store round trip; an old finding without them answers empty strings', async () => {
    const pass = await runDetectionPass(store, { at: spec('throttling').start + 3 * MIN, lookbackMs: 15 * MIN, graceMs: 5 * MIN })
    const written = pass.written.opened.find((f) => f.pattern === 'throttling')!
    expect(written.summary_zh).toMatch(CJK)
    const list = (await app.inject({ url: '/api/v1/findings', query: { pattern: 'throttling' } })).json() as { findings: StoredFinding[] }
    const listed = list.findings.find((f) => f.finding_id === written.finding_id)!
    expect(listed).toMatchObject({ summary: written.summary, summary_zh: written.summary_zh, fix: written.fix, fix_zh: written.fix_zh })
    const one = (await app.inject({ url: `/api/v1/findings/${written.finding_id}` })).json() as StoredFinding
    expect(one).toMatchObject({ summary_zh: written.summary_zh, fix_zh: written.fix_zh })
    expect(chineseProblems(one)).toEqual([])

    // A finding stored before migration 014 knows no Chinese: the API says '' and the console shows the English.
    const { summary_zh: _s, fix_zh: _f, ...old } = { ...written, finding_id: `${written.fingerprint}-old`, status: 'ended' as const, ended_at: written.evaluated_at }
    await writeFindings(store, [old])
    const stored = (await app.inject({ url: `/api/v1/findings/${old.finding_id}` })).json() as StoredFinding
    expect(stored).toMatchObject({ summary: written.summary, summary_zh: '', fix_zh: '' })
  })
})
