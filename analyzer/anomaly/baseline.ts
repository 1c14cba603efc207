import { median } from 'simple-statistics'
import { BUCKET_MS, DAY_MS, MIN_REFERENCE_DAYS, RATE_HALF_BAND_BUCKETS, RECENT_FALLBACK_MS, REFERENCE_DAYS } from './params.ts'
import { cellAt, type KeyedSeries } from './read.ts'
import { biweightLocation, madSigma } from './robust.ts'

/** Where a bucket's expectation came from. */
export type BaselineSource = 'seasonal' | 'recent_hours' | 'insufficient_history'

/**
 * What is expected of a bucket. For a count: `expected` events with robust
 * spread `sigma`. For a rate: `expected` failures among the bucket's calls
 * (`expectedShare` of them), spread `sigma` in failures.
 */
export interface Expectation {
  source: BaselineSource
  /** Reference days that formed it (0 for the recent-hours stand-in). */
  days: number
  expected: number
  sigma: number
  /** Counts: the event level around the bucket (≥ expected), which sets its Poisson noise. */
  level?: number
  /** Rates: the usual failure share. */
  expectedShare?: number
}

/**
 * The σ of one bucket's deviation: the robust day-to-day `spread` (rates), never
 * below `floorVariance` (Poisson noise, or φ times it for an overdispersed
 * count) nor below one event, widened for the uncertainty of a location
 * estimated from `days` values (a median's variance is ~1.57 σ²/days).
 */
function robustSigma(spread: number, floorVariance: number, days: number): number {
  const variance = Math.max(spread * spread, floorVariance)
  return Math.max(1, Math.sqrt(variance * (1 + 1.57 / Math.max(days, 1))))
}

const spreadOf = madSigma

/** Reference buckets: the same time of day on the reference days, where the key had history. */
function referenceTimes(series: KeyedSeries, t: number): number[] {
  return REFERENCE_DAYS.map((d) => t - d * DAY_MS).filter((r) => r >= series.firstMs)
}

/** The mean count around `r` (the bucket and its two neighbours): a steadier Poisson level than one bucket's value. */
function localMean(series: KeyedSeries, r: number): number {
  const cells = [-1, 0, 1].map((i) => cellAt(series, r + i * BUCKET_MS)).filter((c) => c !== undefined)
  return cells.reduce((a, c) => a + c.n, 0) / Math.max(cells.length, 1)
}

/**
 * A key's overdispersion φ (quasi-Poisson, as in Farrington's outbreak
 * detection): how much more its counts vary than Poisson counts would, so
 * that variance ≈ φ × level. Read from the Pearson residuals of every
 * reference bucket against its median over the buckets judged — hundreds of
 * values, so that a bucket's own spread over a handful of days (an erratic
 * MAD) is not the only word. Buckets expecting less than one event say
 * nothing about it and are left out. Never below 1: Poisson is the floor.
 */
export function countDispersion(series: KeyedSeries, times: number[]): number {
  const residuals: number[] = []
  for (const t of times) {
    const refs = referenceTimes(series, t).map((r) => cellAt(series, r)!.n)
    if (refs.length < MIN_REFERENCE_DAYS) continue
    const expected = countLocation(refs)
    if (expected >= 1) for (const x of refs) residuals.push((x - expected) / Math.sqrt(expected))
  }
  if (residuals.length < 10) return 1
  return Math.max(1, spreadOf(residuals) ** 2)
}

/** The usual count among the reference days' counts, with Poisson noise as the least spread. */
const countLocation = (refs: number[]) => biweightLocation(refs, Math.sqrt(Math.max(median(refs), 1)))

/**
 * The baseline of a count bucket: the robust location (biweight) of the same
 * bucket on the reference days. Its variance is φ × the level around the
 * bucket on those days (at a few events per bucket one bucket's value can be
 * 0 where 2–3 are usual, and a variance of 0 would make a handful of events
 * look wild). The bucket's own MAD over 7 days is not used: too few values,
 * it swung σ by 2× either way in trials, where the pooled φ held steady.
 */
export function countExpectation(series: KeyedSeries, t: number, dispersion: number): Expectation {
  const times = referenceTimes(series, t)
  if (times.length < MIN_REFERENCE_DAYS) return insufficient()
  const refs = times.map((r) => cellAt(series, r)!.n)
  const expected = countLocation(refs)
  const level = Math.max(expected, median(times.map((r) => localMean(series, r))))
  return { source: 'seasonal', days: refs.length, expected, level, sigma: robustSigma(0, dispersion * level, refs.length) }
}

/** Calls and failures over ±1 h around `r`: enough calls for a share even on a quiet endpoint. */
function bandShare(series: KeyedSeries, r: number): number | undefined {
  let n = 0
  let bad = 0
  for (let i = -RATE_HALF_BAND_BUCKETS; i <= RATE_HALF_BAND_BUCKETS; i++) {
    const cell = cellAt(series, r + i * BUCKET_MS)
    if (cell) ((n += cell.n), (bad += cell.bad))
  }
  return n > 0 ? bad / n : undefined
}

const RATE_MIN_SCALE = 0.01

/** The baseline of a rate bucket: the usual (biweight) failure share around that hour on the reference days, applied to this bucket's calls. */
export function rateExpectation(series: KeyedSeries, t: number, calls: number, fallback: Expectation | undefined): Expectation {
  const shares = referenceTimes(series, t)
    .map((r) => bandShare(series, r))
    .filter((s): s is number => s !== undefined)
  if (shares.length < MIN_REFERENCE_DAYS) return fallback ? scaleRate(fallback, calls) : insufficient()
  // Shares within a few points of each other weigh alike; an outage day's share far off weighs nothing.
  const share = biweightLocation(shares, RATE_MIN_SCALE)
  const expected = calls * share
  return { source: 'seasonal', days: shares.length, expected, expectedShare: share, sigma: robustSigma(calls * spreadOf(shares), expected, shares.length) }
}

function scaleRate(fallback: Expectation, calls: number): Expectation {
  const expected = calls * (fallback.expectedShare ?? 0)
  return { ...fallback, expected, sigma: robustSigma(0, expected, 1) }
}

const insufficient = (): Expectation => ({ source: 'insufficient_history', days: 0, expected: 0, sigma: 1 })

/**
 * The stand-in for a rate when the history is too short: the pooled failure
 * share of the hours just before the evaluated span (a success rate has no
 * strong daily rhythm, so the recent hours say what is usual). Counts get no
 * stand-in: their daily swing (night to evening peak is ~25×) makes the
 * recent hours a guess, and a guess raises false alarms all day, so a count
 * without enough reference days is reported as insufficient history.
 * Undefined when the key has not existed that long either.
 */
export function recentRateExpectation(series: KeyedSeries, spanStart: number): Expectation | undefined {
  const from = spanStart - RECENT_FALLBACK_MS
  if (series.firstMs > from) return undefined
  let n = 0
  let bad = 0
  for (let t = from; t < spanStart; t += BUCKET_MS) {
    const cell = cellAt(series, t)!
    ;((n += cell.n), (bad += cell.bad))
  }
  if (n === 0) return undefined
  return { source: 'recent_hours', days: 0, expected: 0, expectedShare: bad / n, sigma: 1 }
}
