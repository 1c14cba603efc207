import { describe, expect, it } from 'vitest'
import { callSuccessOption } from './callSuccessOption.ts'

describe('callSuccessOption', () => {
  it('plots success in percent, leaves gaps for buckets without calls, and draws the thresholds', () => {
    const option = callSuccessOption(
      {
        kpi: 'call_success_rate',
        from: '2026-11-23T00:00:00.000Z',
        to: '2026-11-23T02:00:00.000Z',
        bucket: '1h',
        unit: 'ratio',
        healthy: 0.995,
        warning: 0.98,
        series: [{ key: 'all', points: [{ t: '2026-11-23T00:00:00.000Z', value: 0.99137, n: 464 }, { t: '2026-11-23T01:00:00.000Z', value: null, n: 0 }] }],
      },
      { series: 'success', healthy: 'healthy', warning: 'warning' },
    )
    const line = (option.series as { data: unknown[]; markLine: { data: { yAxis: number }[] } }[])[0]!
    expect(line.data).toEqual([['2026-11-23T00:00:00.000Z', 99.14], ['2026-11-23T01:00:00.000Z', null]])
    expect(line.markLine.data.map((d) => d.yAxis)).toEqual([99.5, 98])
  })

  it('puts the two threshold labels at different ends and sides of their lines, so they never overlap', () => {
    const option = callSuccessOption(
      { kpi: 'call_success_rate', from: '2026-11-23T00:00:00.000Z', to: '2026-11-23T01:00:00.000Z', bucket: '1h', unit: 'ratio', healthy: 0.995, warning: 0.98, series: [] },
      { series: 'success', healthy: '健康线', warning: '警告线' },
    )
    const marks = (option.series as { markLine: { data: { name: string; label: { position: string } }[] } }[])[0]!.markLine.data
    expect(marks.map((m) => [m.name, m.label.position])).toEqual([['健康线', 'insideStartTop'], ['警告线', 'insideEndBottom']])
  })
})
