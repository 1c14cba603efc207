import type { LineOption } from '../components/LineChart.vue'
import type { KpiSeries } from './types.ts'
import { TIME_AXIS_LABEL } from '../components/charts.ts'

const percent = (v: number) => Math.round(v * 10_000) / 100

/** The ECharts option for the call-success line, with the healthy and warning thresholds as dashed lines. */
export function callSuccessOption(data: KpiSeries, labels: { series: string; healthy: string; warning: string }): LineOption {
  const points = data.series[0]?.points ?? []
  const thresholds = [
    // The thresholds lie a pixel or two apart on a 60–100 % axis: labels at the same end overlap, so the
    // healthy one sits above its line at the start and the warning one below its line at the end.
    { value: percent(data.healthy), name: labels.healthy, color: '#2e9d5b', position: 'insideStartTop' as const },
    { value: percent(data.warning), name: labels.warning, color: '#d9822b', position: 'insideEndBottom' as const },
  ]
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'time', axisLabel: TIME_AXIS_LABEL },
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
          label: { formatter: '{b} {c}%' },
          data: thresholds.map((t) => ({
            yAxis: t.value,
            name: t.name,
            lineStyle: { color: t.color, type: 'dashed' },
            // A white backing keeps the label readable where the success line runs through it.
            label: { position: t.position, color: t.color, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 4] },
          })),
        },
      },
    ],
  }
}
