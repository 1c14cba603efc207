import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import { LeafTableBuilder, type LeafTable, type RootCause } from './leaf-table.ts'

/**
 * Synthetic cases in the style of the RiskLoc / Squeeze papers' generators:
 * every combination of several dimensions of various cardinalities is a
 * leaf; leaf values are Weibull-distributed (heavy-tailed; shape 0.5–1),
 * some are zero; the forecast is the value plus relative Gaussian noise
 * (swapped at random so the error is symmetric); 1–3 root causes, each of
 * 1–3 elements in one cuboid of 1–3 dimensions, scale their leaves by
 * (1 − severity), severity drawn per case and jittered per leaf. Ratio cases
 * (success rates) draw calls that way and a success rate per leaf; a root
 * cause cuts its leaves' successes.
 */
export interface SyntheticOptions {
  seed: number
  /** Cardinality of each dimension; named a, b, c…; the leaves are their product. */
  cardinalities?: number[]
  ratio?: boolean
  noise?: [number, number]
  zeroRate?: [number, number]
  weibullShape?: [number, number]
  severity?: [number, number]
  /** Spread of the severity across a root cause's leaves. */
  severityJitter?: [number, number]
  rootCauses?: [number, number]
  elementsPerCause?: [number, number]
  dimensionsPerCause?: [number, number]
}

export interface SyntheticCase {
  table: LeafTable
  /** The root-cause elements, each as dimension → value. */
  truth: RootCause[]
  noise: number
}

const DEFAULTS: Required<Omit<SyntheticOptions, 'seed'>> = {
  cardinalities: [10, 10, 10, 5, 4],
  ratio: false,
  noise: [0, 0.25],
  zeroRate: [0, 0.25],
  weibullShape: [0.5, 1],
  severity: [0.2, 1],
  severityJitter: [0, 0.1],
  rootCauses: [1, 3],
  elementsPerCause: [1, 3],
  dimensionsPerCause: [1, 3],
}

interface PlannedCause {
  dims: number[]
  /** Value codes per element, one per dimension in `dims`. */
  elements: number[][]
  severity: number
  jitter: number
}

export function syntheticCase(options: SyntheticOptions): SyntheticCase {
  const o = { ...DEFAULTS, ...options }
  const rng = new Rng(options.seed)
  const dims = o.cardinalities.map((_, d) => String.fromCharCode(97 + d))
  const leaves = cartesian(o.cardinalities)
  const noise = rng.between(o.noise)
  const zeroRate = rng.between(o.zeroRate)
  const shape = rng.between(o.weibullShape)
  const volume = forecastPairs(rng, leaves.length, { noise, zeroRate, shape })
  const causes = planCauses(rng, o, noise, leaves, volume.real)
  const hit = causeOfLeaf(leaves, causes)
  const builder = new LeafTableBuilder(dims, { ratio: o.ratio })
  // Anomalies go the way the normal error leans, so the noise cannot hide them (as in the RiskLoc generator).
  const rise = sum(volume.real) > sum(volume.predict)
  for (let i = 0; i < leaves.length; i++) {
    const values = leaves[i]!.map((code, d) => `${dims[d]}${code + 1}`)
    const cause = hit[i]
    const scale = cause ? Math.min(1, Math.max(0, 1 - rng.normal(cause.severity, cause.jitter))) : 1
    if (!o.ratio) {
      const actual = cause ? (rise ? volume.real[i]! : volume.predict[i]! * scale) : volume.real[i]!
      const expected = cause && rise ? volume.real[i]! * scale : volume.predict[i]!
      builder.add({ values, actual, expected })
    } else {
      const rate = 1 - rng.between([0.005, 0.1])
      const expectedSuccess = volume.predict[i]! * rate
      const success = Math.min(volume.real[i]!, volume.real[i]! * rate * (1 + rng.normal(0, noise / 5))) * scale
      builder.add({ values, actual: success, expected: expectedSuccess, actualDenominator: volume.real[i]!, expectedDenominator: volume.predict[i]! })
    }
  }
  const truth = causes.flatMap((c) => c.elements.map((codes) => Object.fromEntries(c.dims.map((d, k) => [dims[d]!, `${dims[d]}${codes[k]! + 1}`]))))
  return { table: builder.build(), truth, noise }
}

/** Real values and forecasts of every leaf, before anomalies. */
function forecastPairs(rng: Rng, n: number, p: { noise: number; zeroRate: number; shape: number }): { real: Float64Array; predict: Float64Array } {
  const real = new Float64Array(n)
  const predict = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = rng.chance(p.zeroRate) ? 0 : rng.weibull(p.shape) * 100
    const f = Math.max(0, v + v * rng.normal(0, p.noise))
    const swap = rng.chance(0.5)
    real[i] = swap ? f : v
    predict[i] = swap ? v : f
  }
  return { real, predict }
}

function planCauses(rng: Rng, o: typeof DEFAULTS, noise: number, leaves: number[][], real: Float64Array): PlannedCause[] {
  const count = rng.int(o.rootCauses)
  const causes: PlannedCause[] = []
  for (let attempt = 0; causes.length < count && attempt < 1000; attempt++) {
    const layer = Math.min(rng.int(o.dimensionsPerCause), o.cardinalities.length)
    const dims = rng.sample(o.cardinalities.length, layer).sort((a, b) => a - b)
    if (causes.some((c) => c.dims.join() === dims.join())) continue
    const elementCount = rng.int(o.elementsPerCause)
    // No overlap with earlier causes on a shared dimension (c=c5 and c=c5 ∧ b=b3 would be one cause).
    const free = dims.map((d) => range(o.cardinalities[d]!).filter((v) => !causes.some((c) => c.dims.includes(d) && c.elements.some((e) => e[c.dims.indexOf(d)] === v))))
    if (free.some((f) => f.length === 0)) continue
    const elements = range(elementCount).map(() => free.map((f) => f[rng.index(f.length)]!))
    if (new Set(elements.map((e) => e.join())).size < elementCount) continue
    const planned: PlannedCause = { dims, elements, severity: rng.between(o.severity) + noise, jitter: rng.between(o.severityJitter) }
    if (elements.some((e) => elementTotal(leaves, real, dims, e) === 0)) continue
    causes.push(planned)
  }
  return causes
}

function elementTotal(leaves: number[][], real: Float64Array, dims: number[], codes: number[]): number {
  let total = 0
  for (let i = 0; i < leaves.length; i++) if (dims.every((d, k) => leaves[i]![d] === codes[k])) total += real[i]!
  return total
}

function causeOfLeaf(leaves: number[][], causes: PlannedCause[]): (PlannedCause | undefined)[] {
  return leaves.map((leaf) => causes.find((c) => c.elements.some((e) => c.dims.every((d, k) => leaf[d] === e[k]))))
}

function cartesian(cardinalities: number[]): number[][] {
  return cardinalities.reduce<number[][]>((acc, n) => acc.flatMap((prefix) => range(n).map((v) => [...prefix, v])), [[]])
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0)

/** Spreads neighbouring seeds (1, 2, 3…) over the whole 32-bit range (murmur3's finaliser). */
function mix32(seed: number): number {
  let h = seed | 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) | 0
}

/** Seeded draws (pure-rand xoroshiro128+), so a seed always gives the same case. */
class Rng {
  readonly #rng: ReturnType<typeof xoroshiro128plus>
  constructor(seed: number) {
    this.#rng = xoroshiro128plus(mix32(seed))
    // xoroshiro128+ seeded with a small integer starts with near-1 draws: let it warm up.
    for (let i = 0; i < 8; i++) this.float()
  }
  float(): number {
    return uniformFloat64(this.#rng)
  }
  between([lo, hi]: [number, number]): number {
    return lo + (hi - lo) * this.float()
  }
  int([lo, hi]: [number, number]): number {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }
  index(n: number): number {
    return Math.floor(this.float() * n)
  }
  chance(p: number): boolean {
    return this.float() < p
  }
  normal(mean = 0, sd = 1): number {
    return mean + sd * Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float())
  }
  /** Weibull with scale 1 by inversion. */
  weibull(shape: number): number {
    return Math.pow(-Math.log(1 - this.float()), 1 / shape)
  }
  /** k distinct indices out of n. */
  sample(n: number, k: number): number[] {
    const pool = range(n)
    for (let i = 0; i < k; i++) {
      const j = i + this.index(n - i)
      ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
    }
    return pool.slice(0, k)
  }
}
