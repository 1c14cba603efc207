import { describe, expect, it } from 'vitest'
import { nearestPoint, SPARK_HEIGHT, SPARK_WIDTH, sparkGeometry } from './sparkline.ts'

describe('KPI card sparkline geometry', () => {
  it('spans the width, puts the highest value near the top and the lowest near the bottom', () => {
    const g = sparkGeometry([90, 100, 95], { healthy: 99.5, warning: 98 })
    expect(g.xs).toEqual([0, SPARK_WIDTH / 2, SPARK_WIDTH])
    expect(g.runs).toHaveLength(1)
    const ys = [...g.runs[0]!.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]))
    expect(ys).toHaveLength(3)
    // A tenth of the range is left above and below: 100 sits 1/12 of the height from the top, 90 as far from the bottom.
    expect(ys[1]).toBeCloseTo(SPARK_HEIGHT / 12, 1)
    expect(ys[0]).toBeCloseTo(SPARK_HEIGHT - SPARK_HEIGHT / 12, 1)
    expect(ys[2]).toBeCloseTo(SPARK_HEIGHT / 2, 1)
  })

  it('leaves buckets without data as gaps, and a lone point as a dot', () => {
    const g = sparkGeometry([1, 2, null, 3, null, 4, 5], { healthy: 0, warning: 10 })
    expect(g.runs).toHaveLength(2)
    expect(g.runs.every((d) => d.startsWith('M') && (d.match(/L/g) ?? []).length === 1)).toBe(true)
    expect(g.dots).toEqual([{ x: g.xs[3], y: expect.any(Number) }])
    expect(sparkGeometry([null, null], { healthy: 1, warning: 2 })).toMatchObject({ runs: [], dots: [], thresholds: [] })
  })

  it('draws a threshold only where it falls inside the range of the values', () => {
    // Call success around 97–99 %: the warning line (98 %) is inside, the healthy line (99.5 %) above it.
    expect(sparkGeometry([97, 99], { healthy: 99.5, warning: 98 }).thresholds.map((t) => t.kind)).toEqual(['warning'])
    // Minutes to the warehouse far under both lines: neither is drawn, so the line's own moves fill the height.
    expect(sparkGeometry([7.1, 7.4, 7.2], { healthy: 72, warning: 360 }).thresholds).toEqual([])
    // A flat line keeps a range of its own (1 % of the value) instead of dividing by zero.
    const flat = sparkGeometry([100, 100], { healthy: 100, warning: 100 })
    expect(flat.runs[0]).toBe(`M0 ${SPARK_HEIGHT / 2} L${SPARK_WIDTH} ${SPARK_HEIGHT / 2}`)
    expect(flat.thresholds.map((t) => t.y)).toEqual([SPARK_HEIGHT / 2, SPARK_HEIGHT / 2])
  })

  it('finds the point under the pointer', () => {
    const { xs } = sparkGeometry([1, 2, 3, 4, 5], { healthy: 0, warning: 0 })
    expect([0, 0.1, 0.49, 0.51, 1].map((f) => nearestPoint(xs, f))).toEqual([0, 0, 2, 2, 4])
  })
})
