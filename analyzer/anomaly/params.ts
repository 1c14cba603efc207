/**
 * The few global constants of anomaly detection. None is per series: the
 * seasonal baseline and its robust spread put every series on the same
 * z-scale, so one set of numbers serves orders, calls, jobs and rates.
 */

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** Series are counted in 15-minute buckets: fine enough to see a surge in its first bucket, coarse enough to hold a few events at night. */
export const BUCKET_MS = 15 * MINUTE_MS

/** Days back whose same bucket forms the baseline: the last week day by day, then the same weekday of earlier weeks. */
export const REFERENCE_DAYS = [1, 2, 3, 4, 5, 6, 7, 14, 21, 28] as const

/** Fewer reference days than this and the seasonal baseline is not trusted: rates fall back to the recent hours, counts are not judged. */
export const MIN_REFERENCE_DAYS = 4

/** The recent hours before the evaluated span, a rate's stand-in baseline when the history is too short. */
export const RECENT_FALLBACK_MS = 3 * HOUR_MS

/** A rate's baseline is read over ±1 h around the bucket on each reference day, so that a few calls per bucket still give a usable share. */
export const RATE_HALF_BAND_BUCKETS = 4

/** The CUSUM runs over this span before the evaluated moment, so that a slow drift has time to accumulate. */
export const CONTEXT_MS = 6 * HOUR_MS

/**
 * CUSUM on robust z-scores: each bucket adds (z − k); an alarm is raised at h.
 * k = 1 ignores the ordinary noise; h = 4 fires on one bucket at z ≥ 5, on two
 * at z ≈ 3 each, on four at z ≈ 2 (a slow slide). For Gaussian noise this is
 * ~1 false alarm in 15,000 buckets per series and direction; the effect
 * sizes below drop most of those that remain.
 */
export const CUSUM_K = 1
export const CUSUM_H = 4
/** The sum is capped so that it falls back below h within a few buckets of the anomaly's end. */
export const CUSUM_CAP = 2 * CUSUM_H

/**
 * A rate's fall is a drop when it loses this much (in success share) within
 * the first two buckets of its run: a rejection storm, a whitelist, a rate
 * limit bite at once. A smaller loss that is statistically certain is a
 * degradation — typically a slide that grows; within half an hour a slide
 * and a small step cannot be told apart by shape, so size decides.
 */
export const SHARP_ONSET_LOSS = 0.1

/** Practical significance, on top of statistical: what an alarm must amount to before it is reported. */
export const EFFECT = {
  /** Counts: a surge is at least twice the baseline and 10 events above it (a weekend morning runs 1.2–1.6×). */
  surgeRatio: 2,
  minExcess: 10,
  /** Counts: a drop is at most half the baseline, which expected at least 10 events. */
  dropRatio: 0.5,
  minExpected: 10,
  /** Rates: the failure share at least doubled, the success rate lost at least a point, and 5 failures more than expected. */
  badShareRatio: 2,
  minRateLoss: 0.01,
  minBadExcess: 5,
} as const

/** Severity: a surge to 3× or more, a drop to a tenth or less, a rate 10 points down are critical. */
export const CRITICAL = { surgeRatio: 3, dropRatio: 0.1, rateLoss: 0.1 } as const

/** Width of the chart band, in robust standard deviations. */
export const BAND_Z = 3

/** The scale of a robust spread: 1.4826 × MAD estimates σ for normal data. */
export const MAD_TO_SIGMA = 1.4826
