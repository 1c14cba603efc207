import { time } from 'echarts/core'
import { describe, expect, it } from 'vitest'
import { drilldownSeriesOption } from '../cockpit/chartOptions.ts'
import { callSuccessOption } from '../sync-health/callSuccessOption.ts'
import { QUEUES } from '../sync-health/fixtures.test-data.ts'
import { queuesOption } from '../sync-health/queuesOption.ts'
import { timelineOption } from '../trace/timelineOption.ts'
import { still, TIME_AXIS_LABEL } from './charts.ts'

describe('shared chart settings', () => {
  it('names the day at midnight as month-day on every time axis, not as a bare "6"', () => {
    const midnight = new Date(2026, 11, 6, 0, 0)
    expect(time.format(midnight, TIME_AXIS_LABEL.formatter.day, false)).toBe('12-06')
    const axes = [
      callSuccessOption({ kpi: 'call_success_rate', bucket: '1h', series: [], from: '2026-12-05T16:00:00Z', to: '2026-12-06T16:00:00Z', unit: 'ratio', healthy: 0.995, warning: 0.98 }, { series: 's', healthy: 'h', warning: 'w' }).xAxis,
      queuesOption(QUEUES, { depth: 'depth' }).xAxis,
      drilldownSeriesOption({ unit: 'ratio', healthy: 0.995, warning: 0.98 }, [], { healthy: 'h', warning: 'w' }).xAxis,
      timelineOption([], [], [], { disagreement: 'x', systems: {}, time: String }, []).xAxis,
    ] as { axisLabel: { formatter: { day: string } } }[]
    expect(axes.map((a) => a.axisLabel.formatter.day)).toEqual(Array(4).fill('{MM}-{dd}'))
  })

  it('turns the entry animation off, keeping the rest of the option', () => {
    expect(still({ series: [] })).toEqual({ series: [], animation: false })
  })
})
