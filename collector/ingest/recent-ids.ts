/**
 * Event ids accepted recently, so a client retry of an acknowledged batch is
 * recognised and not stored twice. Bounded by count and age; the oldest ids
 * fall out first. Beyond the window, ReplacingMergeTree on event_id remains
 * the backstop for the raw tables.
 */
export class RecentIds {
  readonly #seen = new Map<string, number>()
  readonly #maxIds: number
  readonly #maxAgeMs: number

  constructor(maxIds: number, maxAgeSeconds: number) {
    this.#maxIds = maxIds
    this.#maxAgeMs = maxAgeSeconds * 1000
  }

  has(id: string): boolean {
    return this.#seen.has(id)
  }

  add(id: string, nowMs = Date.now()): void {
    if (this.#maxIds === 0) return
    this.#seen.set(id, nowMs)
    if (this.#seen.size > this.#maxIds) this.#evict(nowMs)
  }

  delete(id: string): void {
    this.#seen.delete(id)
  }

  /** Forgets ids older than the age limit. */
  prune(nowMs = Date.now()): void {
    const cutoff = nowMs - this.#maxAgeMs
    for (const [id, at] of this.#seen) {
      if (at >= cutoff) break
      this.#seen.delete(id)
    }
  }

  get size(): number {
    return this.#seen.size
  }

  /** Drops ids past the age limit, and the oldest ones while over the count limit. */
  #evict(nowMs: number): void {
    const cutoff = nowMs - this.#maxAgeMs
    for (const [id, at] of this.#seen) {
      if (this.#seen.size <= this.#maxIds * 0.9 && at >= cutoff) break
      this.#seen.delete(id)
    }
  }
}
