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
 * A count's robust z from its Poisson tail: how improbable `actual` is when
 * `expected` is usual, as a normal quantile (Wilson–Hilferty's cube-root
 * approximation, within a few hundredths of the exact tail from 0 events to
 * millions). Poisson counts are skewed, so a Gaussian z on the raw scale
 * overstates a handful of events at night (5 where 1 is usual reads z ≈ 4,
 * its tail says 2.7) and understates a drop to zero (0 where 7 are usual:
 * −2.6 raw, −3.1 by the tail). Overdispersion and the baseline's own
 * uncertainty then widen it: divided by √(σ² / level).
 */
function countZ(actual: number, b: Expectation): number {
  const lambda = Math.max(b.expected, 0.5)
  const excess = Math.sqrt(Math.max(1, b.sigma ** 2 / Math.max(b.level ?? b.expected, 1)))
  return poissonTailZ(actual, lambda) / excess
}

/** A rate's z: its failures are a count too, judged the same way; more failures than usual is a negative z (success below). */
const rateZ = (failures: number, b: Expectation) => -countZ(failures, b)

/** Normal quantile of a Poisson(λ) tail at x: positive for P(X ≥ x) when x > λ, negative for P(X ≤ x) when x < λ. */
export function poissonTailZ(x: number, lambda: number): number {
  if (x > lambda) return 3 * Math.sqrt(x) * (1 - 1 / (9 * x) - Math.cbrt(lambda / x))
  const n = x + 1
  const z = -3 * Math.sqrt(n) * (Math.cbrt(lambda / n) - 1 + 1 / (9 * n))
  return Math.min(z, 0)
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
      const z = baseline.source === 'insufficient_history' || cell.n === 0 ? null : rateZ(cell.bad, baseline)
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
