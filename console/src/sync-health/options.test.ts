import { describe, expect, it } from 'vitest'
import { errorsOption } from './errorsOption.ts'
import { HEATMAP, ERRORS, QUEUES } from './fixtures.test-data.ts'
import { heatmapOption } from './heatmapOption.ts'
import { queuesOption } from './queuesOption.ts'

const errorLabels = { calls: 'failures', share: 'share', affected: 'endpoints', sample: 'sample', noCode: (s: string) => `(no code, ${s})` }

describe('sync-health chart options', () => {
  it('error reasons: most frequent on top, coloured by status class, unnamed codes named by their class', () => {
    const option = errorsOption(ERRORS, errorLabels)
    // ECharts draws a category axis bottom-up: the first reason goes last.
    expect((option.yAxis as { data: string[] }).data).toEqual(['(no code, 5xx)', 'IP_NOT_IN_WHITELIST'])
    const bars = (option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0]!.data
    expect(bars.map((b) => b.value)).toEqual([10, 211])
    expect(bars.map((b) => b.itemStyle.color)).toEqual(['#d64545', '#d9822b'])
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 1 })
    expect(tooltip).toContain('95.5%')
    expect(tooltip).toContain('wms → oms /callback/shipment (211)')
    expect(tooltip).toContain('client ip 10.8.1.21 is not in the whitelist')
  })

  it('heat map: endpoints down, columns across, failures and calls per cell, an empty key named', () => {
    const option = heatmapOption(HEATMAP, { failures: 'failures', calls: 'calls', failureRate: 'rate', unknown: '(unknown)' })
    expect((option.xAxis as { data: string[] }).data).toEqual(['10.8.1.21', '(unknown)'])
    expect((option.yAxis as { data: string[] }).data).toEqual(['oms /callback/shipment', 'wms /wms/orders/push'])
    const series = (option.series as { data: number[][] }[])[0]!
    expect(series.data).toEqual([[0, 0, 212, 279], [1, 0, 1, 7], [1, 1, 3, 3]])
    // Coloured by failures (the third value), not by calls (ECharts' default: the last one).
    expect(option.visualMap).toMatchObject({ max: 212, dimension: 2 })
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ data: [0, 0, 212, 279] })
    expect(tooltip).toContain('oms /callback/shipment × 10.8.1.21')
    expect(tooltip).toContain('76.0%')
  })

  it('queues: one depth line per queue, gaps where a bucket had no sample', () => {
    const option = queuesOption(QUEUES, { depth: 'messages' })
    const series = option.series as { name: string; data: [string, number | null][] }[]
    expect(series.map((s) => s.name)).toEqual(['oms-to-wms', 'erp-sync'])
    expect(series[0]!.data).toEqual([['2026-03-10T18:00:00.000Z', 5], ['2026-03-10T19:00:00.000Z', 91]])
    expect(series[1]!.data[1]).toEqual(['2026-03-10T19:00:00.000Z', null])
  })
})
