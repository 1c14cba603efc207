import { randomBytes } from 'node:crypto'

/** A journal file: rows of one kind, in the exact JSONEachRow text that will be inserted. */
export interface Segment {
  name: string
  path: string
  bytes: number
  rows: number
  createdAtMs: number
}

export const SEALED_SUFFIX = '.seg'
export const ACTIVE_SUFFIX = '.open'

/**
 * Segment names sort in creation order and never repeat across restarts:
 * they double as ClickHouse insert-deduplication tokens, so a reused name
 * could make ClickHouse drop new rows as a "duplicate" of an old block.
 */
export class SegmentNamer {
  readonly #boot = Date.now().toString(36).padStart(9, '0') + randomBytes(3).toString('hex')
  #seq = 0

  next(): string {
    this.#seq += 1
    return `${this.#boot}-${String(this.#seq).padStart(8, '0')}`
  }
}
