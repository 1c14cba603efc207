import type { LineOption } from '../components/LineChart.vue'
import type { KpiSeries } from './types.ts'

const percent = (v: number) => Math.round(v * 10_000) / 100

/** Rough pixel width of a 12 px chart label: CJK characters are about twice as wide as Latin ones. */
const textWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 12 : 7), 0)

/** Right padding wide enough for the threshold labels drawn past the plot's right edge, so they are not clipped. */
export const thresholdLabelRoom = (labels: string[]) => 16 + Math.max(0, ...labels.map(textWidth))

/** The ECharts option for the call-success line, with the healthy and warning thresholds as dashed lines. */
export function callSuccessOption(data: KpiSeries, labels: { series: string; healthy: string; warning: string }): LineOption {
  const points = data.series[0]?.points ?? []
  const thresholds = [
    { value: percent(data.healthy), name: labels.healthy, color: '#2e9d5b' },
    { value: percent(data.warning), name: labels.warning, color: '#d9822b' },
  ]
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 48, right: thresholdLabelRoom(thresholds.map((t) => `${t.name} ${t.value}%`)), top: 24, bottom: 32 },
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
          label: { position: 'end', formatter: '{b} {c}%' },
          data: thresholds.map((t) => ({ yAxis: t.value, name: t.name, lineStyle: { color: t.color, type: 'dashed' } })),
        },
      },
    ],
  }
}
