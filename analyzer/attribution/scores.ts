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
 *   the most extreme values, that side's extreme is the normal noise, and
 *   its magnitude is the cutoff on the anomaly's side (see findCutoff for
 *   how the side is chosen).
 * - weights: how sure a leaf's partition is (distance from the cutoff for a
 *   normal leaf, |d| for an abnormal one, capped at 1).
 *
 * One addition for counts read from the store (`pseudoCount` k, 0 = the
 * paper): a leaf of 1 expected order that got 0 has d = 2, as extreme as a
 * leaf that lost 500 — Poisson noise swamps the scale-free score on sparse
 * leaves. k pseudo-observations damp it: d = 2(f − v)/(f + v + 2k) for
 * additive metrics; for ratio metrics each leaf's rates are pulled towards
 * the overall expected rate by k pseudo-calls, so a leaf of 2 calls cannot
 * look like an outage. Leaves much larger than k are unaffected.
 */
export interface LeafScores {
  /** The metric per leaf: the value for additive metrics, the ratio for ratio metrics. */
  real: Float64Array
  predict: Float64Array
  /** Added to f + v in deviation scores (additive metrics' pseudo-count; 0 for ratios, damped in their rates). */
  floor: number
  /** With a pseudo-count: each leaf's size (values, or calls for ratios), weighing it in the low-risk score. */
  sizes?: Float64Array
  /** EP, signed so that the abnormal leaves' sum is positive. */
  ep: Float64Array
  /** EP as computed (sums to 1 over all leaves): the share of the total deviation. */
  share: Float64Array
  deviation: Float64Array
  abnormal: Uint8Array
  weight: Float64Array
  cutoff: number
}

export interface ScoreOptions extends CutoffOptions {
  pseudoCount?: number
}

export interface CutoffOptions {
  /** Extreme values dropped on each side (paper default 5). */
  nRemove: number
  /** Instead: this share of the distinct values dropped on each side (the authors' later `remove_relative` variant). */
  removeShare?: number
}

export function scoreLeaves(table: LeafTable, options: ScoreOptions): LeafScores {
  const k = options.pseudoCount ?? 0
  const { real, predict } = metricValues(table, 0)
  const floor = isRatio(table) ? 0 : 2 * k
  const share = isRatio(table) ? derivedExplanatoryPower(table) : additiveExplanatoryPower(table)
  // Ratios are damped for the deviation only; the low-risk score compares raw rates, weighted by calls.
  const damped = isRatio(table) && k > 0 ? metricValues(table, k) : { real, predict }
  const deviation = damped.real.map((v, i) => deviationScore(damped.predict[i]!, v, floor))
  const rise = isRatio(table) ? sum(table.actual) / sum(table.actualDenominator!) > sum(table.expected) / sum(table.expectedDenominator!) : sum(table.actual) > sum(table.expected)
  const { cutoff, above } = findCutoff(deviation, options, rise)
  const abnormal = Uint8Array.from(deviation, (d) => ((above ? d > cutoff : d < cutoff) ? 1 : 0))
  const weight = deviation.map((d, i) => Math.min(1, abnormal[i] ? Math.abs(d) : real[i] === 0 && predict[i] === 0 ? 0 : Math.abs(cutoff - d)))
  let abnormalEp = 0
  for (let i = 0; i < share.length; i++) if (abnormal[i]) abnormalEp += share[i]!
  const ep = abnormalEp < 0 ? share.map((e) => -e) : share.slice()
  const sizes = k > 0 ? leafSizes(table) : undefined
  return { real, predict, floor, ...(sizes ? { sizes } : {}), ep, share, deviation, abnormal, weight, cutoff }
}

export const deviationScore = (f: number, v: number, floor: number): number => (f + v + floor !== 0 ? (2 * (f - v)) / (f + v + floor) : 0)

function metricValues(table: LeafTable, k: number): { real: Float64Array; predict: Float64Array } {
  if (!isRatio(table)) return { real: table.actual, predict: table.expected }
  const overall = sum(table.expectedDenominator!) > 0 ? sum(table.expected) / sum(table.expectedDenominator!) : 0
  const ratio = (num: Float64Array, den: Float64Array) => num.map((v, i) => (den[i]! + k !== 0 ? (v + k * overall) / (den[i]! + k) : NaN))
  const real = ratio(table.actual, table.actualDenominator!)
  const predict = ratio(table.expected, table.expectedDenominator!)
  // A leaf with no calls on one side says nothing about its rate changing: it takes the other side's rate.
  for (let i = 0; i < real.length; i++) {
    if (Number.isNaN(real[i]!)) real[i] = Number.isNaN(predict[i]!) ? 0 : predict[i]!
    if (Number.isNaN(predict[i]!)) predict[i] = real[i]!
  }
  return { real, predict }
}

function leafSizes(table: LeafTable): Float64Array {
  const [a, e] = isRatio(table) ? [table.actualDenominator!, table.expectedDenominator!] : [table.actual, table.expected]
  return a.map((v, i) => v + e[i]!)
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

/**
 * The cutoff and the side anomalies are on. The side is the way the total
 * moved (positive deviations are drops): the paper compares the two
 * trimmed extremes instead, which on a small table (a hundred leaves, three
 * of them failing) trims the anomaly itself away and picks the wrong side.
 * The cutoff is the paper's: the other, normal side's extreme after dropping
 * outliers, mirrored.
 */
export function findCutoff(deviation: Float64Array, cut: CutoffOptions, rise = false): { cutoff: number; above: boolean } {
  const unique = [...new Set(deviation)].sort((a, b) => a - b)
  if (unique.length === 0) return { cutoff: 0, above: !rise }
  const wanted = cut.removeShare !== undefined ? Math.ceil(unique.length * cut.removeShare) : cut.nRemove
  // Never drop so much that the two sides cross (a handful of distinct values).
  const nRemove = Math.min(wanted, Math.floor((unique.length - 1) / 2))
  const low = unique[nRemove]!
  const high = unique[unique.length - 1 - nRemove]!
  return rise ? { cutoff: -Math.max(high, 0), above: false } : { cutoff: -Math.min(low, 0), above: true }
}

function sum(values: Float64Array): number {
  let s = 0
  for (const v of values) s += v
  return s
}
