import { mean, median, medianAbsoluteDeviation } from 'simple-statistics'
import { MAD_TO_SIGMA } from './params.ts'

/** σ estimated from the median absolute deviation (consistent for normal data). */
export const madSigma = (values: readonly number[]) => (values.length > 1 ? MAD_TO_SIGMA * medianAbsoluteDeviation(values) : 0)

/** Tuning constant of the biweight, in units of the robust scale: values beyond 6 σ get no weight. */
const BIWEIGHT_C = 6

/**
 * Tukey's biweight location: as robust as the median (a day with an outage
 * or a surge far from the others gets no weight) and nearly as efficient as
 * the mean — which matters at a few events per bucket, where the median of a
 * week's counts jumps between 0, 1 and 2. `minScale` keeps the weights
 * meaningful when more than half of the values are equal (MAD of 0).
 */
export function biweightLocation(values: readonly number[], minScale: number): number {
  let location = median(values)
  const scale = Math.max(madSigma(values), minScale)
  if (scale === 0) return mean(values)
  for (let iteration = 0; iteration < 10; iteration++) {
    let weighted = 0
    let weights = 0
    for (const x of values) {
      const u = (x - location) / (BIWEIGHT_C * scale)
      if (Math.abs(u) >= 1) continue
      const w = (1 - u * u) ** 2
      weighted += w * x
      weights += w
    }
    const next = weights > 0 ? weighted / weights : location
    if (Math.abs(next - location) < 1e-9 * Math.max(1, Math.abs(location))) return next
    location = next
  }
  return location
}
