import type { HeatmapOption } from './charts/HeatmapChart.vue'
import { percent } from './format.ts'
import type { HeatmapAnswer } from './types.ts'

export interface HeatmapLabels {
  failures: string
  calls: string
  failureRate: string
  unknown: string
}

export const columnName = (key: string, labels: Pick<HeatmapLabels, 'unknown'>) => key || labels.unknown

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Endpoints down, client IPs (or channels) across, each cell coloured by
 * its failed calls; the tooltip adds the calls and the failure rate. Pairs
 * with calls but no failures are drawn pale, so "all calls fine here" and
 * "no calls here" look different.
 */
export function heatmapOption(answer: HeatmapAnswer, labels: HeatmapLabels): HeatmapOption {
  const rows = answer.rows.map((r) => `${r.target_system} ${r.endpoint}`)
  const cols = answer.columns.map((c) => columnName(c.key, labels))
  const max = Math.max(1, ...answer.cells.map((c) => c.failures))
  return {
    tooltip: {
      position: 'top',
      confine: true,
      formatter: (p) => {
        const [col, row, failures, calls] = (p as unknown as { data: [number, number, number, number] }).data
        return `${escape(rows[row]!)} × ${escape(cols[col]!)}<br/>${labels.failures}: ${failures.toLocaleString('en-US')} / ${labels.calls}: ${calls.toLocaleString('en-US')}<br/>${labels.failureRate}: ${percent(calls ? failures / calls : null, 1)}`
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: cols, splitArea: { show: true }, axisLabel: { rotate: cols.length > 6 ? 30 : 0, interval: 0 } },
    yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true }, axisLabel: { width: 220, overflow: 'truncate' } },
    visualMap: { min: 0, max, dimension: 2, calculable: false, text: [String(max), '0'], orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#fdf1e6', '#f2a65a', '#d64545', '#8b1a1a'] } },
    series: [
      {
        type: 'heatmap',
        name: labels.failures,
        data: answer.cells.map((c) => [c.col, c.row, c.failures, c.calls]),
        label: { show: true, formatter: (p) => String((p as { data: number[] }).data[2] || '') },
        emphasis: { itemStyle: { borderColor: '#1f2430', borderWidth: 1 } },
      },
    ],
  }
}
