import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createConsoleI18n, type Locale } from '../i18n/index.ts'
import FindingsTable from './FindingsTable.vue'
import { findingText } from '../composables/useFindingText.ts'
import { en, zhCN } from '../i18n/patterns.ts'
import type { Finding } from './types.ts'

/** An ip_whitelist finding as the API answers it, with the detector's texts in both languages. */
const finding = (over: Partial<Finding> = {}): Finding => ({
  finding_id: '0123456789abcdef-1',
  fingerprint: '0123456789abcdef',
  pattern: 'ip_whitelist',
  severity: 'critical',
  status: 'active',
  scope: { target_system: 'oms', endpoint: '/callback/shipment', client_ip: '10.8.1.21' },
  first_seen: '2026-11-23T06:00:00.000Z',
  last_seen: '2026-11-23T07:00:00.000Z',
  detected_at: '2026-11-23T06:01:00.000Z',
  evaluated_at: '2026-11-23T07:00:00.000Z',
  ended_at: null,
  passes: 60,
  version: 60,
  evidence: { refused: 211 },
  summary: 'oms refuses /callback/shipment from 10.8.1.21: 211 of 221 calls refused, after 1788 answered in the day before',
  summary_zh: 'oms 拒绝来自 10.8.1.21 的 /callback/shipment 调用：221 次中 211 次被拒，而前一天曾正常应答 1788 次',
  fix: "Add 10.8.1.21 (wms) to oms's IP whitelist, then replay the refused /callback/shipment calls so the orders they carry are updated.",
  fix_zh: '将 10.8.1.21（wms）加入 oms 的 IP 白名单，然后重放被拒的 /callback/shipment 调用，使其携带的订单得到更新。',
  ...over,
})

const render = (findings: Finding[], locale: Locale) => mount(FindingsTable, { props: { findings }, global: { plugins: [createConsoleI18n(locale)] } })
const row = (view: ReturnType<typeof render>, id = '0123456789abcdef-1') => view.get(`[data-testid="finding-${id}"]`)

describe('findings in the console language', () => {
  it('zh-CN shows the Chinese summary, fix and pattern name, the pattern id as its tooltip', () => {
    const view = render([finding()], 'zh-CN')
    expect(row(view).get('[data-testid="finding-summary"]').text()).toBe(finding().summary_zh)
    expect(row(view).get('[data-testid="finding-fix"]').text()).toBe(`处理建议: ${finding().fix_zh}`)
    const pattern = row(view).get('.pattern')
    expect(pattern.get('.pattern-name').text()).toBe('IP 未加入白名单')
    // The id stays for people who grep logs: small under the name, and as the tooltip.
    expect(pattern.get('.pattern-id').text()).toBe('ip_whitelist')
    expect(pattern.attributes('title')).toBe('ip_whitelist')
    expect(row(view).text()).not.toContain('refuses')
  })

  it('en shows the English summary, fix and pattern name', () => {
    const view = render([finding()], 'en')
    expect(row(view).get('[data-testid="finding-summary"]').text()).toBe(finding().summary)
    expect(row(view).get('[data-testid="finding-fix"]').text()).toBe(`Fix: ${finding().fix}`)
    expect(row(view).get('.pattern-name').text()).toBe('IP not whitelisted')
    expect(row(view).text()).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('an old finding without Chinese texts shows its English in zh-CN; an unknown pattern shows its id', () => {
    const old = finding({ finding_id: 'fedcba9876543210-2', pattern: 'new_detector', summary_zh: '', fix_zh: '' })
    const noFields = finding({ finding_id: 'fedcba9876543210-3' })
    delete noFields.summary_zh
    delete noFields.fix_zh
    const view = render([old, noFields], 'zh-CN')
    for (const id of ['fedcba9876543210-2', 'fedcba9876543210-3']) {
      expect(row(view, id).get('[data-testid="finding-summary"]').text()).toBe(finding().summary)
      expect(row(view, id).get('[data-testid="finding-fix"]').text()).toBe(`处理建议: ${finding().fix}`)
    }
    expect(row(view, 'fedcba9876543210-2').get('.pattern').text()).toBe('new_detector')
    expect(row(view, 'fedcba9876543210-2').find('.pattern-id').exists()).toBe(false)
  })

  it('picks the text by locale, falling back to English where the Chinese is empty', () => {
    expect(findingText(finding(), 'zh-CN')).toEqual({ summary: finding().summary_zh, fix: finding().fix_zh })
    expect(findingText(finding(), 'en')).toEqual({ summary: finding().summary, fix: finding().fix })
    expect(findingText(finding({ summary_zh: '' }), 'zh-CN')).toEqual({ summary: finding().summary, fix: finding().fix_zh })
  })

  it('names every pattern a detector reports, in both languages', () => {
    const patterns = ['ip_whitelist', 'encoding', 'throttling', 'stopped_job', 'queue_backlog', 'presale_receiver', 'receiver_unavailable', 'manual_duplicates', 'status_desync', 'traffic_surge', 'stalled_tracking', 'anomaly_surge', 'anomaly_drop', 'anomaly_degradation']
    expect(Object.keys(en)).toEqual(expect.arrayContaining(patterns))
    for (const p of patterns) {
      expect(zhCN[p as keyof typeof zhCN]).toMatch(/[\u4e00-\u9fff]/)
      expect(en[p as keyof typeof en]).not.toBe(p)
    }
  })
})
