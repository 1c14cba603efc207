import { isRatio, type LeafTable } from './leaf-table.ts'

/**
 * Per-leaf scores RiskLoc works with (Kalander et al. 2022, §3):
 * - explanatory power (EP): the leaf's share of the total deviation. For an
 *   additive metric (v − f) / (V − F); for a ratio metric the derived-measure
 *   form of Squeeze/Adtributor, normalised to sum to 1.
 * - deviation score d = 2(f − v)/(f + v) on the metric itself (the ratio for
 *   ratio metrics): scale-free, so a small leaf that fell by half weighs like
 *   a large one.
 * - the cutoff splitting leaves into normal and abnormal, taken from the
 *   side of the deviation distribution the anomaly is NOT on: after dropping
 *   the `nRemove` most extreme values on each side, the less extreme side is
 *   the normal noise, and its magnitude is the cutoff on the other side.
 * - weights: how sure a leaf's partition is (distance from the cutoff for a
 *   normal leaf, |d| for an abnormal one, capped at 1).
 */
export interface LeafScores {
  /** The metric per leaf: the value for additive metrics, the ratio for ratio metrics (0 when undefined). */
  real: Float64Array
  predict: Float64Array
  /** EP, signed so that the abnormal leaves' sum is positive. */
  ep: Float64Array
  /** EP as computed (sums to 1 over all leaves): the share of the total deviation. */
  share: Float64Array
  deviation: Float64Array
  abnormal: Uint8Array
  weight: Float64Array
  cutoff: number
}

export function scoreLeaves(table: LeafTable, cut: CutoffOptions): LeafScores {
  const { real, predict } = metricValues(table)
  const share = isRatio(table) ? derivedExplanatoryPower(table) : additiveExplanatoryPower(table)
  const deviation = deviationScores(real, predict)
  const { cutoff, above } = findCutoff(deviation, cut)
  const abnormal = partition(deviation, { cutoff, above })
  const weight = weights(real, predict, deviation, abnormal, cutoff)
  let abnormalEp = 0
  for (let i = 0; i < share.length; i++) if (abnormal[i]) abnormalEp += share[i]!
  const ep = abnormalEp < 0 ? share.map((e) => -e) : share.slice()
  return { real, predict, ep, share, deviation, abnormal, weight, cutoff }
}

function metricValues(table: LeafTable): { real: Float64Array; predict: Float64Array } {
  if (!isRatio(table)) return { real: table.actual, predict: table.expected }
  const ratio = (num: Float64Array, den: Float64Array) => num.map((v, i) => (den[i]! !== 0 ? v / den[i]! : NaN))
  const real = ratio(table.actual, table.actualDenominator!)
  const predict = ratio(table.expected, table.expectedDenominator!)
  // A leaf with no calls on one side says nothing about its rate changing: it takes the other side's rate.
  for (let i = 0; i < real.length; i++) {
    if (Number.isNaN(real[i]!)) real[i] = Number.isNaN(predict[i]!) ? 0 : predict[i]!
    if (Number.isNaN(predict[i]!)) predict[i] = real[i]!
  }
  return { real, predict }
}

function additiveExplanatoryPower(table: LeafTable): Float64Array {
  const total = sum(table.actual) - sum(table.expected)
  return table.actual.map((v, i) => (total !== 0 ? (v - table.expected[i]!) / total : 0))
}

/** The change a leaf makes to the overall ratio (numerator a, denominator b), normalised over the leaves. */
function derivedExplanatoryPower(table: LeafTable): Float64Array {
  const Fa = sum(table.expected)
  const Fb = sum(table.expectedDenominator!)
  const ep = table.actual.map((va, i) => {
    const da = va - table.expected[i]!
    const db = table.actualDenominator![i]! - table.expectedDenominator![i]!
    const d = Fb * (Fb + db)
    return d !== 0 ? (da * Fb - db * Fa) / d : 0
  })
  const total = sum(ep)
  return ep.map((e) => (total !== 0 ? e / total : 0))
}

function deviationScores(real: Float64Array, predict: Float64Array): Float64Array {
  return real.map((v, i) => {
    const f = predict[i]!
    return f + v !== 0 ? (2 * (f - v)) / (f + v) : 0
  })
}

export interface CutoffOptions {
  /** Extreme values dropped on each side (paper default 5). */
  nRemove: number
  /** Instead: this share of the distinct values dropped on each side (the authors' later `remove_relative` variant). */
  removeShare?: number
}

/**
 * The cutoff and the side anomalies are on: the less extreme side (after
 * dropping outliers) is normal noise, so anomalies lie beyond the mirror of
 * its extreme on the other side. Positive deviations are drops.
 */
export function findCutoff(deviation: Float64Array, cut: CutoffOptions): { cutoff: number; above: boolean } {
  const unique = [...new Set(deviation)].sort((a, b) => a - b)
  if (unique.length === 0) return { cutoff: 0, above: true }
  const wanted = cut.removeShare !== undefined ? Math.ceil(unique.length * cut.removeShare) : cut.nRemove
  // Never drop so much that the two sides cross (a handful of distinct values).
  const nRemove = Math.min(wanted, Math.floor((unique.length - 1) / 2))
  const low = unique[nRemove]!
  const high = unique[unique.length - 1 - nRemove]!
  // The paper's rule, with the side kept explicit: its sign of −0 would put anomalies below a normal side of exactly 0.
  return Math.abs(low) <= Math.abs(high) ? { cutoff: -low, above: true } : { cutoff: -high, above: false }
}

function partition(deviation: Float64Array, { cutoff, above }: { cutoff: number; above: boolean }): Uint8Array {
  return Uint8Array.from(deviation, (d) => ((above ? d > cutoff : d < cutoff) ? 1 : 0))
}

function weights(real: Float64Array, predict: Float64Array, deviation: Float64Array, abnormal: Uint8Array, cutoff: number): Float64Array {
  return deviation.map((d, i) => {
    const w = abnormal[i] ? Math.abs(d) : real[i] === 0 && predict[i] === 0 ? 0 : Math.abs(cutoff - d)
    return Math.min(w, 1)
  })
}

function sum(values: Float64Array): number {
  let s = 0
  for (const v of values) s += v
  return s
}
