import type { LineOption } from '../components/LineChart.vue'
import type { KpiSeries } from './types.ts'

const percent = (v: number) => Math.round(v * 10_000) / 100

/** The ECharts option for the call-success line, with the healthy and warning thresholds as dashed lines. */
export function callSuccessOption(data: KpiSeries, labels: { series: string; healthy: string; warning: string }): LineOption {
  const points = data.series[0]?.points ?? []
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name: labels.series,
        showSymbol: false,
        // null (no calls in the bucket) leaves a gap rather than pretending 0 %.
        data: points.map((p) => [p.t, p.value === null ? null : percent(p.value)]),
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            { yAxis: percent(data.healthy), name: labels.healthy, lineStyle: { color: '#2e9d5b', type: 'dashed' } },
            { yAxis: percent(data.warning), name: labels.warning, lineStyle: { color: '#d9822b', type: 'dashed' } },
          ],
        },
      },
    ],
  }
}
