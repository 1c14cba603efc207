import type { LineOption } from '../components/LineChart.vue'
import { STATUS_COLOURS, formatValue } from './constants.ts'
import type { Kpi, KpiStatus, KpiUnit, SeriesPoint } from './types.ts'

/** Ratios are drawn in percent, other units as they are. */
export const scaled = (value: number, unit: KpiUnit) => (unit === 'ratio' ? Math.round(value * 1_000_000) / 10_000 : value)

/** 1, 2 or 5 times a power of ten: the steps axis ticks read well at. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough))
  const f = rough / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/**
 * Bounds and tick step of a percent axis that hold the values and both
 * thresholds with a little room, inside 0–100 %, on round ticks: ECharts'
 * own scaling of ratios near 100 % gives axes such as 40–160 %, which no
 * ratio can reach.
 */
export function percentAxisBounds(values: (number | null)[], thresholds: number[]): { min: number; max: number; interval: number } {
  const all = [...values.filter((v): v is number => v !== null), ...thresholds]
  const lo = Math.min(...all)
  const hi = Math.max(...all)
  const pad = Math.max((hi - lo) * 0.1, 0.2)
  const interval = niceStep((hi - lo + 2 * pad) / 5)
  const tidy = (x: number) => Number(x.toFixed(6))
  return { min: Math.max(0, tidy(Math.floor(tidy((lo - pad) / interval)) * interval)), max: Math.min(100, tidy(Math.ceil(tidy((hi + pad) / interval)) * interval)), interval }
}

const axisValue = (unit: KpiUnit) => (v: number) => (unit === 'ratio' ? `${v}%` : formatValue(v, unit))

/**
 * A card's sparkline: the KPI over the window in its status colour, with the
 * healthy and warning thresholds as thin dashed lines (green, orange) so the
 * line's distance to them reads at a glance. Buckets without data are gaps.
 */
export function trendOption(kpi: Pick<Kpi, 'unit' | 'healthy' | 'warning' | 'status'>, points: SeriesPoint[], labels: { healthy: string; warning: string }): LineOption {
  const fmt = axisValue(kpi.unit)
  return {
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : '—') },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 2, color: STATUS_COLOURS[kpi.status] },
        itemStyle: { color: STATUS_COLOURS[kpi.status] },
        data: points.map((p) => [p.t, p.value === null ? null : scaled(p.value, kpi.unit)]),
        markLine: {
          symbol: 'none',
          silent: true,
          label: { show: false },
          data: [
            { yAxis: scaled(kpi.healthy, kpi.unit), name: labels.healthy, lineStyle: { color: STATUS_COLOURS.healthy, type: 'dashed', width: 1 } },
            { yAxis: scaled(kpi.warning, kpi.unit), name: labels.warning, lineStyle: { color: STATUS_COLOURS.warning, type: 'dashed', width: 1 } },
          ],
        },
      },
    ],
  }
}

/** The drill-down's lines: one per dimension value, with the thresholds dashed. */
export function drilldownSeriesOption(kpi: Pick<Kpi, 'unit' | 'healthy' | 'warning'>, series: { key: string; points: SeriesPoint[] }[], labels: { healthy: string; warning: string }): LineOption {
  const fmt = axisValue(kpi.unit)
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : '—') },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 64, right: 24, top: 32, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { formatter: fmt },
      ...(kpi.unit === 'ratio' ? percentAxisBounds(series.flatMap((s) => s.points.map((p) => (p.value === null ? null : scaled(p.value, 'ratio')))), [scaled(kpi.healthy, 'ratio'), scaled(kpi.warning, 'ratio')]) : {}),
    },
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.key,
      showSymbol: false,
      data: s.points.map((p) => [p.t, p.value === null ? null : scaled(p.value, kpi.unit)]),
      ...(i === 0
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              label: { show: false },
              data: [
                { yAxis: scaled(kpi.healthy, kpi.unit), name: labels.healthy, lineStyle: { color: STATUS_COLOURS.healthy, type: 'dashed' as const } },
                { yAxis: scaled(kpi.warning, kpi.unit), name: labels.warning, lineStyle: { color: STATUS_COLOURS.warning, type: 'dashed' as const } },
              ],
            },
          }
        : {}),
    })),
  }
}

/** The drill-down's bars: one per dimension value, each in its own status colour. */
export function breakdownBars(unit: KpiUnit, rows: { key: string; value: number | null; status: KpiStatus }[]) {
  return rows.map((r) => ({ name: r.key, value: r.value === null ? null : scaled(r.value, unit), itemStyle: { color: STATUS_COLOURS[r.status] } }))
}
