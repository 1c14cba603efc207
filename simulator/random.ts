import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

/** Seeded randomness: the same seed replays the same company, day for day. */
export class Random {
  readonly #rng: ReturnType<typeof xoroshiro128plus>

  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed | 0)
  }

  /** An independent stream for one concern, so adding draws in one place does not shift another. */
  fork(salt: number): Random {
    return new Random(Math.floor(this.float() * 2 ** 31) ^ salt)
  }

  float(): number {
    return uniformFloat64(this.#rng)
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.float() * (maxInclusive - min + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0)
    let r = this.float() * total
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!
      if (r < 0) return items[i]!
    }
    return items[items.length - 1]!
  }

  normal(): number {
    // Box–Muller; 1 - u keeps log() away from 0.
    return Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float())
  }

  /** Log-normal by its median and the sigma of the underlying normal: how delays in operations are shaped. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float())
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()))
    const limit = Math.exp(-lambda)
    let k = 0
    let p = this.float()
    while (p > limit) {
      k += 1
      p *= this.float()
    }
    return k
  }
}
