import { TIME_AXIS_LABEL } from '../components/charts.ts'
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

/** Bucket sizes of the series API, in ms, smallest first. */
const PER_VALUE_BUCKETS: [string, number][] = [['5m', 300_000], ['15m', 900_000], ['30m', 1_800_000], ['1h', 3_600_000], ['3h', 10_800_000], ['6h', 21_600_000], ['12h', 43_200_000], ['1d', 86_400_000]]
/** At most this many points per drill-down line: each holds one value's share of the orders, so finer buckets hold a handful of orders and zigzag. */
export const PER_VALUE_MAX_POINTS = 12
/** A per-value point from fewer samples is left out: at 5 orders a bucket one late order moves a ratio by 20 points. */
export const MIN_POINT_SAMPLES = 20

/** The drill-down lines' bucket: the finest giving at most PER_VALUE_MAX_POINTS over the window (a 6 h view: 30 min). */
export function perValueBucket(window: { from: string; to: string }): string {
  const span = Date.parse(window.to) - Date.parse(window.from)
  return (PER_VALUE_BUCKETS.find(([, ms]) => span / ms <= PER_VALUE_MAX_POINTS) ?? PER_VALUE_BUCKETS.at(-1)!)[0]
}

/** The lines with each point from fewer than `minSamples` samples blanked (a gap), and how many points were blanked. */
export function withoutThinPoints<S extends { points: SeriesPoint[] }>(series: S[], minSamples = MIN_POINT_SAMPLES): { series: S[]; leftOut: number } {
  let leftOut = 0
  const kept = series.map((s) => ({
    ...s,
    points: s.points.map((p) => {
      if (p.value === null || p.n >= minSamples) return p
      leftOut++
      return { ...p, value: null }
    }),
  }))
  return { series: kept, leftOut }
}

/** The drill-down's lines: one per dimension value, with the thresholds dashed. */
export function drilldownSeriesOption(kpi: Pick<Kpi, 'unit' | 'healthy' | 'warning'>, series: { key: string; points: SeriesPoint[] }[], labels: { healthy: string; warning: string }): LineOption {
  const fmt = axisValue(kpi.unit)
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : '—') },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 64, right: 24, top: 32, bottom: 28 },
    xAxis: { type: 'time', axisLabel: TIME_AXIS_LABEL },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { formatter: fmt },
      ...(kpi.unit === 'ratio' ? percentAxisBounds(series.flatMap((s) => s.points.map((p) => (p.value === null ? null : scaled(p.value, 'ratio')))), [scaled(kpi.healthy, 'ratio'), scaled(kpi.warning, 'ratio')]) : {}),
    },
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.key,
      // Few points, some alone between gaps (thin buckets left out): symbols keep them visible.
      symbolSize: 5,
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
