import { buildCuboid, combinations, type Cuboid } from './cuboids.ts'
import type { LeafTable, RootCause } from './leaf-table.ts'
import { deviationScore, scoreLeaves, type LeafScores } from './scores.ts'

/**
 * RiskLoc (Kalander et al., "RiskLoc: Localization of Multi-dimensional Root
 * Causes by Weighted Risk", 2022) — chosen over its family because:
 * - it finds several root causes (the loop below removes each one's leaves
 *   and searches again), each of any number of dimensions, where Adtributor
 *   assumes one dimension per cause and HotSpot one cause per incident;
 * - it works on the leaves' deviation scores, so it handles additive metrics
 *   and, through the derived-measure EP, ratio metrics such as success rates;
 * - it needs no clustering or tuned density parameters (Squeeze's weak
 *   point when noise is high or anomalies are mild) and no Monte-Carlo tree
 *   search (HotSpot): a layer-by-layer scan with element pruning, about
 *   0.1–0.2 s on 20,000 leaves here;
 * - its paper reports the best F1 of the family on the Squeeze/RiskLoc
 *   synthetic sets and on the derived (ratio) set.
 *
 * Per round: from the lowest layer (1 dimension) up, among the elements
 * holding at least one abnormal leaf and enough explanatory power, take the
 * one with the highest EP whose risk score — high risk (weighted share of
 * abnormal leaves) minus low risk (how unevenly its leaves deviate, i.e. how
 * poorly one common change explains them) — reaches the threshold.
 *
 * Departures from the paper, each measured by `npm run bench -- attribution`:
 * the defaults below; preferring a narrower element that explains nearly as
 * much (`narrowerSlack`); the anomaly side taken from the total's direction
 * (scores.ts); pseudo-counts for sparse count leaves (`pseudoCount`, used
 * for metrics read from the store).
 */
export interface RiskLocOptions {
  /** Minimum risk score of a root cause (paper: 0.5; here 0.4, see DEFAULTS). */
  riskThreshold?: number
  /** Search stops when the abnormal leaves left explain less than this share of the abnormal EP (paper: 0.02). */
  pepThreshold?: number
  /** Extreme deviation values ignored on each side when finding the cutoff (paper: 5), when `removeShare` is undefined. */
  nRemove?: number
  /** The share of distinct deviation values ignored on each side instead of `nRemove` (default 0.05). */
  removeShare?: number
  /** Most dimensions in one root cause. */
  maxLayer?: number
  /**
   * Prefer a narrower element explaining nearly as much: when another
   * cuboid's element holds a strict subset of the best one's leaves and at
   * least (1 − slack) of its EP, it is taken instead (0 = the paper). Without
   * it, {target_system: oms} beats {client_ip: X} whenever X only calls OMS
   * and the other OMS leaves add a little noise of the same sign.
   */
  narrowerSlack?: number
  /** Pseudo-observations damping the deviation of sparse count leaves (0 = the paper; see scores.ts). */
  pseudoCount?: number
}

export interface FoundCause {
  cause: RootCause
  layer: number
  /** Explanatory power of the element when found (of the abnormal total). */
  ep: number
  highRisk: number
  lowRisk: number
  /** The leaves this cause accounts for (those not taken by an earlier cause). */
  leaves: Int32Array
}

export interface RiskLocResult {
  causes: FoundCause[]
  scores: LeafScores
}

/**
 * Defaults differ from the paper's (risk 0.5, pep 0.02, 5 values removed) where
 * a tuning run on synthetic seeds 1–100 showed it (`npm run bench --
 * attribution` scores other seeds): a relative cutoff (5% of distinct
 * deviations) keeps the cutoff out of the noise's far tail on 20,000 leaves,
 * so mild anomalies are not all called normal; pep 0.005 keeps small 3-dimension
 * causes next to a large one; risk 0.4 accepts the true coarse element at its
 * own layer instead of several of its finer sub-elements a round later.
 */
const DEFAULTS: Required<Omit<RiskLocOptions, 'removeShare'>> & Pick<RiskLocOptions, 'removeShare'> = {
  riskThreshold: 0.4,
  pepThreshold: 0.005,
  nRemove: 5,
  removeShare: 0.05,
  maxLayer: 3,
  pseudoCount: 0,
  narrowerSlack: 0.1,
}

export function riskLoc(table: LeafTable, options: RiskLocOptions = {}): RiskLocResult {
  const opts = { ...DEFAULTS, ...options }
  const scores = scoreLeaves(table, { nRemove: opts.nRemove, pseudoCount: opts.pseudoCount, ...(opts.removeShare !== undefined ? { removeShare: opts.removeShare } : {}) })
  const search = new Search(table, scores, opts)
  const causes: FoundCause[] = []
  while (search.abnormalEpLeft() >= search.epThreshold) {
    const found = search.next()
    if (!found) break
    causes.push(found)
    search.remove(found.leaves)
  }
  return { causes, scores }
}

/** From the highest-EP winner, step to a winner inside it with nearly its EP, as long as there is one. */
function narrowest(winners: FoundCause[], slack: number): FoundCause {
  let current = winners.reduce((a, b) => (b.ep > a.ep ? b : a))
  for (;;) {
    const inside = new Set(current.leaves)
    const narrower = winners.filter((w) => w !== current && w.leaves.length < current.leaves.length && w.ep >= (1 - slack) * current.ep && w.leaves.every((i) => inside.has(i)))
    if (narrower.length === 0) return current
    current = narrower.reduce((a, b) => (b.ep > a.ep ? b : a))
  }
}

class Search {
  readonly epThreshold: number
  /** Per leaf: bit 0 once an earlier cause took it, bit d + 1 once its value of dimension d was pruned. */
  readonly #blocked: Int32Array
  /** Values ruled out in layer 1 (no abnormal leaf or too little EP): their leaves are skipped in higher layers. */
  readonly #pruned: Uint8Array[]
  readonly #cuboids = new Map<string, Cuboid>()

  constructor(
    private readonly table: LeafTable,
    private readonly scores: LeafScores,
    private readonly opts: typeof DEFAULTS,
  ) {
    if (table.dimensions.length > 30) throw new RangeError('RiskLoc here handles at most 30 dimensions')
    this.#blocked = new Int32Array(table.actual.length)
    this.#pruned = table.values.map((v) => new Uint8Array(v.length))
    this.epThreshold = this.abnormalEpLeft() * opts.pepThreshold
  }

  abnormalEpLeft(): number {
    let s = 0
    for (let i = 0; i < this.#blocked.length; i++) if (!(this.#blocked[i]! & 1) && this.scores.abnormal[i]) s += this.scores.ep[i]!
    return s
  }

  remove(leaves: Int32Array): void {
    for (const i of leaves) this.#blocked[i]! |= 1
  }

  next(): FoundCause | undefined {
    const dims = this.table.dimensions.length
    for (let layer = 1; layer <= Math.min(this.opts.maxLayer, dims); layer++) {
      // Each cuboid's best element; those close to the best EP are kept to look for a narrower one.
      const winners: FoundCause[] = []
      let bestEp = this.epThreshold
      for (const cuboidDims of combinations(dims, layer)) {
        const found = this.#bestInCuboid(this.#cuboid(cuboidDims), layer, Math.max(this.epThreshold, (1 - this.opts.narrowerSlack) * bestEp))
        if (!found) continue
        winners.push(found)
        bestEp = Math.max(bestEp, found.ep)
      }
      if (winners.length) return narrowest(winners, this.opts.narrowerSlack)
    }
    return undefined
  }

  #cuboid(dims: number[]): Cuboid {
    const key = dims.join(',')
    let c = this.#cuboids.get(key)
    if (!c) this.#cuboids.set(key, (c = buildCuboid(this.table, dims)))
    return c
  }

  /** Leaves taken by an earlier cause, or with a pruned value in one of these dimensions, are out. */
  #mask(dims: number[]): number {
    return dims.reduce((m, d) => m | (1 << (d + 1)), 1)
  }

  /** The element of highest EP above `minEp` whose risk reaches the threshold, if any. */
  #bestInCuboid(cuboid: Cuboid, layer: number, minEp: number): FoundCause | undefined {
    const { ep, abnormal } = this.scores
    const epSum = new Float64Array(cuboid.groupCount)
    const positiveEpSum = new Float64Array(cuboid.groupCount)
    const abnormalCount = new Int32Array(cuboid.groupCount)
    const mask = this.#mask(cuboid.dims)
    for (let i = 0; i < cuboid.groupOf.length; i++) {
      if (this.#blocked[i]! & mask) continue
      const g = cuboid.groupOf[i]!
      epSum[g]! += ep[i]!
      if (ep[i]! > 0) positiveEpSum[g]! += ep[i]!
      abnormalCount[g]! += abnormal[i]!
    }
    if (layer === 1) this.#prune(cuboid, positiveEpSum, abnormalCount)
    const candidates: number[] = []
    for (let g = 0; g < cuboid.groupCount; g++) if (abnormalCount[g]! > 0 && epSum[g]! > minEp) candidates.push(g)
    candidates.sort((a, b) => epSum[b]! - epSum[a]!)
    for (const g of candidates) {
      const leaves = this.#leavesOf(cuboid, g)
      const highRisk = this.#highRisk(leaves)
      const lowRisk = this.#lowRisk(leaves)
      if (highRisk - lowRisk >= this.opts.riskThreshold) {
        const cause = Object.fromEntries(cuboid.dims.map((d, k) => [this.table.dimensions[d]!, this.table.values[d]![cuboid.groupCodes[k]![g]!]!]))
        return { cause, layer, ep: epSum[g]!, highRisk, lowRisk, leaves }
      }
    }
    return undefined
  }

  #prune(cuboid: Cuboid, positiveEpSum: Float64Array, abnormalCount: Int32Array): void {
    const d = cuboid.dims[0]!
    for (let g = 0; g < cuboid.groupCount; g++) {
      const value = cuboid.groupCodes[0]![g]!
      if (this.#pruned[d]![value] || (positiveEpSum[g]! >= this.epThreshold && abnormalCount[g]! > 0)) continue
      this.#pruned[d]![value] = 1
      for (let k = cuboid.start[g]!; k < cuboid.start[g + 1]!; k++) this.#blocked[cuboid.order[k]!]! |= 1 << (d + 1)
    }
  }

  #leavesOf(cuboid: Cuboid, g: number): Int32Array {
    const mask = this.#mask(cuboid.dims)
    const out: number[] = []
    for (let k = cuboid.start[g]!; k < cuboid.start[g + 1]!; k++) {
      const leaf = cuboid.order[k]!
      if (!(this.#blocked[leaf]! & mask)) out.push(leaf)
    }
    return Int32Array.from(out)
  }

  /** Weighted share of abnormal leaves; the +1 keeps an element of one shaky leaf from scoring high. */
  #highRisk(leaves: Int32Array): number {
    let anomalous = 0
    let normal = 1
    for (const i of leaves) {
      if (this.scores.abnormal[i]) anomalous += this.scores.weight[i]!
      else normal += this.scores.weight[i]!
    }
    return anomalous / (anomalous + normal)
  }

  /**
   * How far the leaves stray from one common change (the element's total
   * ratio applied to every leaf), relative to how far they stray from the
   * forecast: near 0 for a real root cause, whose leaves all moved alike.
   * With a pseudo-count (count data) each leaf weighs by its size, since a
   * leaf of 2 orders strays by Poisson noise alone.
   */
  #lowRisk(leaves: Int32Array): number {
    const { real, predict, deviation, floor, sizes } = this.scores
    let sumReal = 0
    let sumPredict = 0
    for (const i of leaves) {
      if (real[i] === 0 || predict[i] === 0) continue
      sumReal += real[i]!
      sumPredict += predict[i]!
    }
    if (sumPredict === 0) return 0
    let w1 = 0
    let w2 = 0
    for (const i of leaves) {
      if (real[i] === 0 || predict[i] === 0) continue
      const size = sizes ? sizes[i]! : 1
      const scaled = (predict[i]! * sumReal) / sumPredict
      w1 += size * Math.abs(deviationScore(scaled, real[i]!, floor))
      w2 += size * Math.abs(deviation[i]!)
    }
    return w2 !== 0 ? w1 / w2 : 0
  }
}
