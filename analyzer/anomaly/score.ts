import { countDispersion, countExpectation, rateExpectation, recentRateExpectation, type Expectation } from './baseline.ts'
import type { SeriesDef } from './catalogue.ts'
import { BAND_Z, BUCKET_MS } from './params.ts'
import { cellAt, type KeyedSeries } from './read.ts'

/**
 * One bucket against its baseline. Counts: `actual` events. Rates: `actual`
 * failures among `calls`. `z` is signed in the series' own sense: above the
 * baseline is positive for a count, and a success rate below its baseline is
 * negative (more failures than usual).
 */
export interface BucketScore {
  t: number
  actual: number
  calls: number
  baseline: Expectation
  z: number | null
}

/**
 * A count's robust z on the square-root scale (Anscombe): Poisson counts are
 * skewed, so on the raw scale 5 events where 1 is usual look like z ≈ 4,
 * while a drop to 0 where 7 are usual looks like only z ≈ −2.5. On the
 * square-root scale both read as what they are. The spread σ (events) maps
 * to that scale by the delta method: sd(2√X) ≈ σ / √level.
 */
function countZ(actual: number, b: Expectation): number {
  const level = Math.max(b.level ?? b.expected, 1)
  return (2 * (Math.sqrt(actual + 0.375) - Math.sqrt(b.expected + 0.375))) / (b.sigma / Math.sqrt(level))
}

/** Scores every bucket in [from, to) of one key against its seasonal baseline. */
export function scoreBuckets(def: SeriesDef, series: KeyedSeries, from: number, to: number): BucketScore[] {
  const fallback = def.kind === 'rate' ? recentRateExpectation(series, from) : undefined
  const times: number[] = []
  for (let t = from; t < to; t += BUCKET_MS) times.push(t)
  const dispersion = def.kind === 'count' ? countDispersion(series, times) : 1
  const scores: BucketScore[] = []
  for (const t of times) {
    const cell = cellAt(series, t) ?? { n: 0, bad: 0 }
    if (def.kind === 'count') {
      const baseline = countExpectation(series, t, dispersion)
      const z = baseline.source === 'insufficient_history' ? null : countZ(cell.n, baseline)
      scores.push({ t, actual: cell.n, calls: cell.n, baseline, z })
    } else {
      const baseline = rateExpectation(series, t, cell.n, fallback)
      // No calls, no evidence about the rate (a vanished endpoint is the count series' business).
      const z = baseline.source === 'insufficient_history' || cell.n === 0 ? null : -(cell.bad - baseline.expected) / baseline.sigma
      scores.push({ t, actual: cell.bad, calls: cell.n, baseline, z })
    }
  }
  return scores
}

/** A bucket as a chart point: the actual value with its expected value and band (counts in events, rates as success shares). */
export interface ChartPoint {
  t: string
  actual: number | null
  expected: number | null
  lower: number | null
  upper: number | null
  z: number | null
  calls?: number
  baseline_days: number
  baseline_source: Expectation['source']
}

export function chartPoint(def: SeriesDef, s: BucketScore): ChartPoint {
  const b = s.baseline
  const known = b.source !== 'insufficient_history'
  const common = { t: new Date(s.t).toISOString(), z: s.z === null ? null : round(s.z, 2), baseline_days: b.days, baseline_source: b.source }
  if (def.kind === 'count') {
    return { ...common, actual: s.actual, expected: known ? round(b.expected, 2) : null, lower: known ? round(Math.max(0, b.expected - BAND_Z * b.sigma), 2) : null, upper: known ? round(b.expected + BAND_Z * b.sigma, 2) : null }
  }
  const expected = known ? 1 - (b.expectedShare ?? 0) : null
  const halfBand = s.calls > 0 ? (BAND_Z * b.sigma) / s.calls : null
  return {
    ...common,
    calls: s.calls,
    actual: s.calls > 0 ? round(1 - s.actual / s.calls, 4) : null,
    expected: expected === null ? null : round(expected, 4),
    lower: expected === null || halfBand === null ? null : round(Math.max(0, expected - halfBand), 4),
    upper: expected === null || halfBand === null ? null : round(Math.min(1, expected + halfBand), 4),
  }
}

export const round = (v: number, digits: number) => Number(v.toFixed(digits))
