import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoredFinding } from '../analyzer/index.ts'
import { loadRuleDir, type LoadedRule } from '../alerts/engine/load-rules.ts'
import { findingSignals } from '../alerts/engine/signals/findings.ts'
import { annotate, fill } from '../alerts/engine/signals/template.ts'

const SHIPPED = loadRuleDir(path.join(import.meta.dirname, '..', 'alerts', 'rules'))
const shipped = (alert: string) => SHIPPED.rules.find((r) => r.alert === alert) as Extract<LoadedRule, { kind: 'finding' | 'anomaly' }>
const CJK = /[\u4e00-\u9fff]/

const finding = (over: Partial<StoredFinding> = {}): StoredFinding => ({
  finding_id: '0123456789abcdef-x', fingerprint: '0123456789abcdef', pattern: 'ip_whitelist', severity: 'critical', status: 'active',
  scope: { client_ip: '10.8.1.21' }, first_seen: '2026-03-11T02:00:00.000Z', last_seen: '2026-03-11T02:05:00.000Z',
  detected_at: '2026-03-11T02:01:00.000Z', evaluated_at: '2026-03-11T02:05:00.000Z', ended_at: null, passes: 5,
  summary: 'oms refuses /callback/shipment from 10.8.1.21: 211 of 221 calls refused', evidence: {}, fix: 'Add 10.8.1.21 to the whitelist', version: 1,
  summary_zh: 'oms 拒绝来自 10.8.1.21 的 /callback/shipment：221 次调用中 211 次被拒', fix_zh: '把 10.8.1.21 加入白名单',
  ...over,
})

/**
 * Values the rule templates are filled with, as the KPI and freshness signals
 * give them; each is distinctive so a Chinese template that drops or swaps
 * one is caught.
 */
const VALUES = {
  value: '97.13%', healthy: '99.50%', warning: '98.00%', window: '15m', kpi: 'call_success_rate',
  where: ' for endpoint=/order/push', where_zh: '（endpoint=/order/push）', endpoint: '/order/push',
  channel: 'jd', system: 'wms', job: 'jd_import', quiet_for: '30m', last_event: '2026-03-11T02:00:00.000Z',
  summary: 'english summary', fix: 'english fix', summary_zh: '中文摘要', fix_zh: '中文修复',
}
/** The Chinese counterpart of an English placeholder: the same value said in Chinese. */
const ZH_OF: Record<string, string> = { where: 'where_zh', summary: 'summary_zh', fix: 'fix_zh' }
const placeholders = (template: string) => [...template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]!).sort()

describe('alerts in Chinese', () => {
  it('an alert raised from a bilingual finding carries its Chinese summary and fix next to the English', () => {
    expect(SHIPPED.errors.map((e) => e.message)).toEqual([])
    const [s] = findingSignals(shipped('FailurePattern'), [finding()])
    const f = finding()
    expect(s!.annotations).toMatchObject({ summary: f.summary, description: f.fix, summary_zh: f.summary_zh, description_zh: f.fix_zh })
    const anomaly = finding({ pattern: 'anomaly_drop', scope: { series: 'channel_orders', channel: 'jd' }, summary: 'jd orders dropped to 0', summary_zh: 'jd 订单量跌到 0', fix: 'check jd', fix_zh: '检查 jd' })
    const [drop] = findingSignals(shipped('VolumeDrop'), [anomaly])
    expect(drop!.annotations).toMatchObject({ summary: 'jd orders dropped to 0', summary_zh: 'jd 订单量跌到 0', description: 'check jd', description_zh: '检查 jd' })
  })

  it('a finding stored before its Chinese texts gives no Chinese annotation (the console shows the English), never an empty or unfilled one', () => {
    const old = finding({ summary_zh: '', fix_zh: '' })
    for (const rule of ['FailurePattern', 'VolumeDrop']) {
      const [s] = findingSignals(shipped(rule), [rule === 'VolumeDrop' ? { ...old, pattern: 'anomaly_drop' } : old])
      expect(s!.annotations.summary, rule).toBe(old.summary)
      expect(Object.keys(s!.annotations).filter((k) => k.endsWith('_zh')), rule).toEqual([])
    }
  })

  it('a rule that writes its own English without the Chinese drops the default Chinese, rather than show a different text', () => {
    expect(annotate({ summary: 'default', summary_zh: '默认' }, { summary: 'mine {{ value }}' }, { value: 1 })).toEqual({ summary: 'mine 1' })
    expect(annotate({ summary: 'default', summary_zh: '默认' }, { summary: 'mine', summary_zh: '我的 {{ value }}' }, { value: 1 })).toEqual({ summary: 'mine', summary_zh: '我的 1' })
    expect(annotate({ summary: 'default', summary_zh: '默认' }, { description: 'more' }, {})).toEqual({ summary: 'default', summary_zh: '默认', description: 'more' })
  })

  it("every shipped rule that writes English writes the Chinese too, with the same values, all filled", () => {
    const written = SHIPPED.rules.filter((r) => r.annotations?.summary || r.annotations?.description)
    expect(written.length).toBeGreaterThanOrEqual(10)
    const problems: string[] = []
    for (const r of written) {
      for (const key of ['summary', 'description'] as const) {
        const en = r.annotations?.[key]
        if (!en) continue
        const zh = r.annotations?.[`${key}_zh`]
        if (!zh) { problems.push(`${r.alert} has ${key} but no ${key}_zh`); continue }
        const expected = placeholders(en).map((p) => ZH_OF[p] ?? p).sort()
        if (JSON.stringify(placeholders(zh)) !== JSON.stringify(expected)) problems.push(`${r.alert} ${key}_zh uses ${placeholders(zh)}, the English ${placeholders(en)}`)
        const rendered = fill(zh, VALUES)
        if (rendered.includes('{{')) problems.push(`${r.alert} ${key}_zh left unfilled: ${rendered}`)
        if (!CJK.test(rendered)) problems.push(`${r.alert} ${key}_zh is not Chinese: ${rendered}`)
        for (const v of [VALUES.value, VALUES.healthy, VALUES.warning, 'endpoint=/order/push']) {
          if (fill(en, VALUES).includes(v) && !rendered.includes(v)) problems.push(`${r.alert} ${key}_zh lacks ${v}: ${rendered}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})
