/**
 * A KPI card's sparkline as plain SVG geometry. Fourteen ECharts instances
 * cost the cockpit ~0.4 s of main thread on a 2-core machine (console
 * benchmark) for lines a few dozen points long; a path per run of points
 * costs next to nothing and needs no chart library before the cards show.
 */

/** The drawing's own units; the SVG stretches them to the card (strokes keep their width). */
export const SPARK_WIDTH = 100
export const SPARK_HEIGHT = 40

export interface SparkGeometry {
  /** One path per run of consecutive points with a value; buckets without data are gaps. */
  runs: string[]
  /** Points with no neighbour to join, drawn as dots. */
  dots: { x: number; y: number }[]
  /** The thresholds that fall inside the drawn range, with their height. */
  thresholds: { kind: 'healthy' | 'warning'; y: number }[]
  /** Each point's x (its bucket), for hover. */
  xs: number[]
}

/**
 * The y range is the values' own, padded by a tenth (as ECharts' `scale`
 * axis): a line near 99.9 % shows its moves instead of a flat line at the
 * top. A threshold is drawn only where it falls inside that range.
 */
export function sparkGeometry(values: (number | null)[], thresholds: { healthy: number; warning: number }): SparkGeometry {
  const xs = values.map((_, i) => (values.length === 1 ? SPARK_WIDTH / 2 : (i / (values.length - 1)) * SPARK_WIDTH))
  const known = values.filter((v): v is number => v !== null)
  if (!known.length) return { runs: [], dots: [], thresholds: [], xs }
  const lo = Math.min(...known)
  const hi = Math.max(...known)
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.abs(hi) * 0.01 || 1
  const [bottom, top] = [lo - pad, hi + pad]
  const y = (v: number) => Number((SPARK_HEIGHT - ((v - bottom) / (top - bottom)) * SPARK_HEIGHT).toFixed(2))
  const runs: string[] = []
  const dots: SparkGeometry['dots'] = []
  let run: string[] = []
  const close = (end: number) => {
    if (run.length === 1) dots.push({ x: xs[end - 1]!, y: y(values[end - 1]!) })
    else if (run.length > 1) runs.push(run.join(' '))
    run = []
  }
  values.forEach((v, i) => {
    if (v === null) return close(i)
    run.push(`${run.length ? 'L' : 'M'}${Number(xs[i]!.toFixed(2))} ${y(v)}`)
  })
  close(values.length)
  const inside = (['healthy', 'warning'] as const).filter((kind) => thresholds[kind] >= bottom && thresholds[kind] <= top)
  return { runs, dots, thresholds: inside.map((kind) => ({ kind, y: y(thresholds[kind]) })), xs }
}

/** The point nearest to a horizontal position given as a fraction (0–1) of the sparkline's width. */
export function nearestPoint(xs: number[], fraction: number): number {
  let best = 0
  xs.forEach((x, i) => {
    if (Math.abs(x - fraction * SPARK_WIDTH) < Math.abs(xs[best]! - fraction * SPARK_WIDTH)) best = i
  })
  return best
}
