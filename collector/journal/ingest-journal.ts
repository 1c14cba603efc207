import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { EVENT_KINDS, KIND_NAMES, type KindName } from '../../core/contracts/index.ts'
import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import { Flusher, type FlushObserver } from './flusher.ts'
import { KindJournal } from './kind-journal.ts'
import { SegmentNamer, type Segment } from './segment.ts'

/**
 * One journal and one flusher per event kind, sealing segments by size or age.
 * This is the collector's durability boundary: what `append` resolved is on
 * disk and reaches ClickHouse eventually, across outages and restarts.
 */
export class IngestJournal {
  readonly #journals = new Map<KindName, KindJournal>()
  readonly #flushers = new Map<KindName, Flusher>()
  readonly #options: Config['journal']
  #sealTimer: NodeJS.Timeout | undefined

  constructor(dir: string, options: Config['journal'], store: Store, observer: FlushObserver) {
    this.#options = options
    const namer = new SegmentNamer()
    for (const kind of KIND_NAMES) {
      const journal = new KindJournal(path.join(dir, kind), options, namer)
      this.#journals.set(kind, journal)
      this.#flushers.set(kind, new Flusher(journal, store, EVENT_KINDS[kind], observer, { backoffMaxMs: options.retryBackoffMaxMs }))
    }
  }

  /** Finds the segments a previous run left on disk; `start` then replays them. */
  recover(): Map<KindName, Segment[]> {
    const recovered = new Map<KindName, Segment[]>()
    for (const [kind, journal] of this.#journals) recovered.set(kind, journal.recover())
    return recovered
  }

  /** Starts flushing (which replays recovered segments first) and the age-based sealing. */
  start(): void {
    for (const flusher of this.#flushers.values()) flusher.start()
    const tick = Math.max(10, Math.min(250, Math.floor(this.#options.segmentMaxAgeMs / 4)))
    this.#sealTimer = setInterval(() => {
      for (const journal of this.#journals.values()) journal.sealIfOlderThan(this.#options.segmentMaxAgeMs)
    }, tick)
    this.#sealTimer.unref()
  }

  append(kind: KindName, text: string, rows: number): Promise<void> {
    return this.#journals.get(kind)!.append(text, rows)
  }

  get bytes(): number {
    let total = 0
    for (const journal of this.#journals.values()) total += journal.bytes
    return total
  }

  /** True when taking `incomingBytes` more would pass the configured disk bound. */
  wouldExceed(incomingBytes: number): boolean {
    return this.bytes + incomingBytes > this.#options.maxBytes
  }

  get segmentsPending(): number {
    let n = 0
    for (const journal of this.#journals.values()) n += journal.sealedCount
    return n
  }

  /** Age of the oldest row not yet confirmed by ClickHouse, seconds (0 when none). */
  oldestAgeSeconds(nowMs = Date.now()): number {
    let oldest = Infinity
    for (const journal of this.#journals.values()) oldest = Math.min(oldest, journal.oldestMs ?? Infinity)
    return oldest === Infinity ? 0 : Math.max(0, (nowMs - oldest) / 1000)
  }

  get clickhouseFailing(): boolean {
    for (const flusher of this.#flushers.values()) if (flusher.failing) return true
    return false
  }

  /** Seals everything and waits until ClickHouse has it all (used by shutdown and tests). */
  async flushAll(timeoutMs: number): Promise<void> {
    for (const journal of this.#journals.values()) await journal.close()
    await Promise.all([...this.#flushers.values()].map((f) => f.drained(timeoutMs)))
  }

  /**
   * Graceful stop: seal, try to drain within `drainTimeoutMs`, then stop the
   * flushers. Whatever did not reach ClickHouse stays on disk for replay.
   */
  async close(drainTimeoutMs: number): Promise<{ drained: boolean }> {
    if (this.#sealTimer) clearInterval(this.#sealTimer)
    let drained = true
    try {
      await this.flushAll(drainTimeoutMs)
    } catch {
      drained = false
    }
    await Promise.all([...this.#flushers.values()].map((f) => f.stop()))
    return { drained }
  }
}

/** Event ids of recovered segments, so retries of rows already journaled are recognised after a restart. */
export async function* idsInSegments(segments: Segment[]): AsyncGenerator<string> {
  for (const segment of segments) {
    const text = await readFile(segment.path, 'utf8')
    for (const line of text.split('\n')) {
      // Lines are JSON arrays whose first column is event_id.
      if (line) yield (JSON.parse(line) as [string])[0]
    }
  }
}
