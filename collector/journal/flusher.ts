import { readFile } from 'node:fs/promises'
import type { EventKind } from '../../core/contracts/index.ts'
import type { Store } from '../../core/store/index.ts'
import type { KindJournal } from './kind-journal.ts'
import type { Segment } from './segment.ts'

export interface FlushObserver {
  inserted(table: string, segment: Segment, seconds: number): void
  failed(table: string, error: Error): void
}

export interface FlusherOptions {
  backoffMaxMs: number
  backoffBaseMs?: number
}

/**
 * Moves sealed segments of one journal into ClickHouse, oldest first, one at
 * a time. The segment name is the insert-deduplication token, so a segment
 * inserted just before a crash (and so never trimmed) is dropped by
 * ClickHouse when it is replayed. On failure it backs off and retries the
 * same segment; nothing is skipped.
 */
export class Flusher {
  readonly #journal: KindJournal
  readonly #store: Store
  readonly #kind: EventKind
  readonly #observer: FlushObserver
  readonly #options: Required<FlusherOptions>
  #running = false
  #loop: Promise<void> | undefined
  /** Wakes the loop waiting for a sealed segment (new segment or stop). */
  #wakeIdle: (() => void) | undefined
  /** Cuts a back-off short; only stopping does, so an outage is not hammered. */
  #wakeBackoff: (() => void) | undefined
  #failures = 0
  #unsubscribe: (() => void) | undefined

  constructor(journal: KindJournal, store: Store, kind: EventKind, observer: FlushObserver, options: FlusherOptions) {
    this.#journal = journal
    this.#store = store
    this.#kind = kind
    this.#observer = observer
    this.#options = { backoffBaseMs: 100, ...options }
  }

  /** True while the last insert attempt failed. */
  get failing(): boolean {
    return this.#failures > 0
  }

  start(): void {
    if (this.#running) return
    this.#running = true
    this.#unsubscribe = this.#journal.onSealed(() => this.#wakeIdle?.())
    this.#loop = this.#run()
  }

  /** Stops after the segment in hand; pending segments stay on disk for the next start. */
  async stop(): Promise<void> {
    this.#running = false
    this.#unsubscribe?.()
    this.#wakeIdle?.()
    this.#wakeBackoff?.()
    await this.#loop
  }

  /** Resolves when every sealed segment is in ClickHouse, or rejects after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.#journal.sealedCount > 0) {
      if (Date.now() > deadline) throw new Error(`journal of ${this.#kind.table} not drained within ${timeoutMs} ms`)
      await sleep(10)
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const segment = this.#journal.nextSealed()
      if (!segment) {
        await new Promise<void>((resolve) => (this.#wakeIdle = resolve))
        this.#wakeIdle = undefined
        continue
      }
      try {
        const started = performance.now()
        const body = await readFile(segment.path)
        await this.#store.insertRows(this.#kind.table, this.#kind.columns, body, segment.name)
        await this.#journal.trim(segment)
        this.#failures = 0
        this.#observer.inserted(this.#kind.table, segment, (performance.now() - started) / 1000)
      } catch (err) {
        this.#failures += 1
        this.#observer.failed(this.#kind.table, err as Error)
        const delay = Math.min(this.#options.backoffMaxMs, this.#options.backoffBaseMs * 2 ** Math.min(this.#failures - 1, 16))
        await this.#sleepUnlessStopped(delay)
      }
    }
  }

  async #sleepUnlessStopped(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.#wakeBackoff = () => {
        clearTimeout(timer)
        resolve()
      }
    })
    this.#wakeBackoff = undefined
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
