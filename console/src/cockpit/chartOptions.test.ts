import { describe, expect, it } from 'vitest'
import { breakdownBars, percentAxisBounds, perValueBucket, scaled, withoutThinPoints } from './chartOptions.ts'
import { baselineQuery, formatChange, STATUS_COLOURS, trendOf } from './constants.ts'

describe('cockpit chart options', () => {
  it('cuts a percent axis to the values and thresholds, never past 0 or 100 %', () => {
    expect(percentAxisBounds([100, 100, 100], [99.95, 99.8])).toEqual({ min: 99.6, max: 100, interval: 0.2 })
    expect(percentAxisBounds([3.68, 4.1, null], [2, 5])).toEqual({ min: 1, max: 6, interval: 1 })
    expect(percentAxisBounds([1.8, 50, 0], [2, 5])).toEqual({ min: 0, max: 60, interval: 20 })
    const wide = percentAxisBounds([2, 97], [90, 80])
    expect(wide.min).toBe(0)
    expect(wide.max).toBe(100)
  })

  it('draws ratios in percent without float noise', () => {
    expect(scaled(0.9712, 'ratio')).toBe(97.12)
    expect(scaled(0.1 + 0.2, 'ratio')).toBe(30)
    expect(scaled(12.5, 'minutes')).toBe(12.5)
  })

  it('colours each drill-down bar by its own status', () => {
    expect(breakdownBars('minutes', [{ key: 'wh-a', value: 400, status: 'critical' }, { key: 'wh-b', value: null, status: 'no_data' }])).toEqual([
      { name: 'wh-a', value: 400, itemStyle: { color: STATUS_COLOURS.critical } },
      { name: 'wh-b', value: null, itemStyle: { color: STATUS_COLOURS.no_data } },
    ])
  })

  it("asks attribution for the previous period as the cards' baseline, or leaves the API's 7-day default", () => {
    const window = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-23T06:00:00.000Z' }
    expect(baselineQuery('days', window)).toEqual({})
    expect(baselineQuery('previous', window)).toEqual({ baseline_from: '2026-11-22T18:00:00.000Z', baseline_to: '2026-11-23T00:00:00.000Z' })
  })

  it('gives the drill-down lines at most 12 buckets whatever the window (a 6 h view: 30 min, not 15)', () => {
    const window = (hours: number) => ({ from: '2026-11-01T00:00:00.000Z', to: new Date(Date.parse('2026-11-01T00:00:00.000Z') + hours * 3_600_000).toISOString() })
    expect([1, 6, 24, 24 * 7, 24 * 90].map((h) => perValueBucket(window(h)))).toEqual(['5m', '30m', '3h', '1d', '1d'])
  })

  it('blanks the per-value points from too few samples (a gap, not a zigzag) and counts them', () => {
    const p = (value: number | null, n: number) => ({ t: '2026-11-23T00:00:00.000Z', value, n })
    const { series, leftOut } = withoutThinPoints([{ key: 'douyin', points: [p(1, 3), p(0.65, 20), p(null, 0)] }, { key: 'tmall', points: [p(0.99, 400)] }], 20)
    expect(series.map((s) => s.points.map((x) => x.value))).toEqual([[null, 0.65, null], [0.99]])
    expect(leftOut).toBe(1)
  })

  it('shows a change too small to see as 0 without a sign and as no trend, and keeps the sign of real changes', () => {
    expect(formatChange(-0.000001, 'ratio')).toBe('0.00 pp')
    expect(trendOf(-0.000001, 'higher', 'ratio')).toBe('flat')
    expect(formatChange(-0.0269, 'ratio')).toBe('-2.69 pp')
    expect(trendOf(-0.0269, 'higher', 'ratio')).toBe('worse')
    expect(formatChange(-1.54, 'minutes')).toBe('-1.5 min')
    expect(trendOf(-1.54, 'lower', 'minutes')).toBe('better')
    expect(formatChange(53, 'count')).toBe('+53')
  })
})
