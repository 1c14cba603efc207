import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createConsoleI18n } from '../i18n/index.ts'
import FindingEvidence from './FindingEvidence.vue'
import { evidenceItems } from './evidence.ts'

/** The ip_whitelist and queue_backlog detectors' evidence, as stored. */
const WHITELIST = {
  refused: 211,
  refused_share: 0.9547511312217195,
  samples: Array.from({ length: 7 }, (_, i) => ({ order_id: `o-${i}`, http_status: 403, error_code: 'IP_NOT_IN_WHITELIST' })),
}
const BACKLOG = { depth: 4210, breaker: { depth: 200, wait_min: 8 }, by_warehouse: { 'wh-beijing': { orders: 120, median_wait_min: 41.25 }, 'wh-shanghai': { orders: 90, median_wait_min: 2 } } }

describe('finding evidence', () => {
  it('lays out values, sample records and per-name records', () => {
    const [refused, share, samples] = evidenceItems(WHITELIST)
    expect(refused).toEqual({ key: 'refused', kind: 'text', text: '211' })
    expect(share).toEqual({ key: 'refused_share', kind: 'text', text: '0.9548' })
    expect(samples).toMatchObject({ kind: 'table', columns: ['order_id', 'http_status', 'error_code'], more: 2 })
    expect(samples!.kind === 'table' && samples!.rows[0]).toEqual(['o-0', '403', 'IP_NOT_IN_WHITELIST'])
    const [, breaker, byWarehouse] = evidenceItems(BACKLOG)
    expect(breaker).toEqual({ key: 'breaker', kind: 'text', text: 'depth=200, wait_min=8' })
    expect(byWarehouse).toMatchObject({ kind: 'table', columns: ['', 'orders', 'median_wait_min'], rows: [['wh-beijing', '120', '41.25'], ['wh-shanghai', '90', '2']] })
  })

  it('renders them with the link to the whole finding', () => {
    const view = mount(FindingEvidence, { props: { evidence: BACKLOG, href: '/api/v1/findings/x' }, global: { plugins: [createConsoleI18n('en')] } })
    expect(view.findAll('dt').map((d) => d.text())).toEqual(['depth', 'breaker', 'by_warehouse'])
    expect(view.get('table').text()).toContain('wh-beijing')
    expect(view.get('a').attributes('href')).toBe('/api/v1/findings/x')
  })
})
