import type { Measure } from './explain.ts'

/**
 * How many standard errors a measure moved from its expectation, so that a
 * cause whose own change is within the noise is not reported (RiskLoc
 * explains whatever deviation there is, noise included). Counts: Poisson on
 * both sides, the expectation's variance shrunk by the number of baseline
 * windows it summarises. Rates: the two-proportion z-test.
 */
export function changeZ(m: Measure, baselineWindows: number): number {
  if (m.actual_denominator === undefined) {
    const variance = m.actual + m.expected / Math.max(1, baselineWindows) + 1
    return (m.actual - m.expected) / Math.sqrt(variance)
  }
  const n1 = m.actual_denominator
  const n0 = m.expected_denominator!
  if (n1 <= 0 || n0 <= 0) return 0
  const pooled = (m.actual_numerator! + m.expected_numerator!) / (n1 + n0)
  // The expected rate summarises every baseline window's calls, not just one window's worth.
  const se = Math.sqrt(Math.max(pooled * (1 - pooled), 1e-9) * (1 / n1 + 1 / (n0 * Math.max(1, baselineWindows))))
  return (m.actual - m.expected) / se
}

/** Causes moving fewer standard errors than this are noise. */
export const MIN_Z = 3
