import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createConsoleI18n } from '../i18n/index.ts'
import EndpointsTable from './EndpointsTable.vue'
import { STATUS_COLOURS } from './constants.ts'
import { endpoint, ENDPOINTS } from './fixtures.test-data.ts'

const mountTable = (answer = ENDPOINTS) => mount(EndpointsTable, { props: { answer }, global: { plugins: [createConsoleI18n('en')] } })

describe('EndpointsTable', () => {
  it("shows each endpoint's success rate as the API gives it, coloured by its status against the KPI lines", () => {
    const table = mountTable()
    const refused = table.get('[data-testid="endpoint-success-wms-oms-/callback/shipment"]')
    expect(refused.text()).toBe('53.19%')
    expect(refused.attributes('style')).toContain(STATUS_COLOURS.critical)
    expect(table.get('[data-testid="endpoint-success-oms-wms-/wms/orders/push"]').attributes('style')).toContain(STATUS_COLOURS.warning)
    expect(table.get('[data-testid="endpoint-success-oms-tms-/tracking/query"]').text()).toBe('100.00%')
    expect(table.get('[data-testid="endpoint-calls-oms-tms-/tracking/query"]').text()).toBe('12,000')
    // Latencies: ms below 10 s, seconds above.
    expect(table.get('[data-testid="endpoint-p95-wms-oms-/callback/shipment"]').text()).toBe('12.3 s')
    expect(table.get('[data-testid="endpoint-row-oms-wms-/wms/orders/push"]').text()).toContain('48 ms')
  })

  it('rolls up per system, coloured', () => {
    const table = mountTable()
    expect(table.get('[data-testid="system-success-oms"]').text()).toBe('63.48%')
    expect(table.get('[data-testid="system-success-wms"]').attributes('style')).toContain(STATUS_COLOURS.warning)
  })

  it('shows the worst twelve first and the rest on demand', async () => {
    const many = { ...ENDPOINTS, endpoints: Array.from({ length: 15 }, (_, i) => endpoint({ endpoint: `/e${i}` })) }
    const table = mountTable(many)
    expect(table.findAll('tbody tr')).toHaveLength(12)
    await table.get('[data-testid="endpoints-toggle"]').trigger('click')
    expect(table.findAll('tbody tr')).toHaveLength(15)
    expect(mountTable().find('[data-testid="endpoints-toggle"]').exists()).toBe(false)
  })
})
