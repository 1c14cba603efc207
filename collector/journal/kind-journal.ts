import { mkdirSync, openSync, closeSync, readdirSync, readFileSync, renameSync, statSync, ftruncateSync, fsyncSync } from 'node:fs'
import { open, rename, unlink, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { ACTIVE_SUFFIX, SEALED_SUFFIX, SegmentNamer, type Segment } from './segment.ts'

export interface KindJournalOptions {
  segmentMaxBytes: number
  segmentMaxRows: number
}

interface PendingAppend {
  text: string
  rows: number
  resolve: () => void
  reject: (err: Error) => void
}

interface ActiveSegment extends Segment {
  handle: FileHandle
}

/**
 * The on-disk journal of one event kind. Appends are group-committed: every
 * append waiting while a write is in flight joins the next write, and all of
 * them resolve after one fdatasync. A caller is acknowledged only once its
 * rows are on disk. Full segments are sealed and handed to the flusher; a
 * sealed segment is deleted only after ClickHouse confirmed its insert.
 */
export class KindJournal {
  readonly dir: string
  readonly #options: KindJournalOptions
  readonly #namer: SegmentNamer
  readonly #sealed: Segment[] = []
  readonly #sealedListeners = new Set<() => void>()
  #active: ActiveSegment | undefined
  #pending: PendingAppend[] = []
  #writing = false
  #sealRequested = false
  #sealedBytes = 0
  /** Bytes of a segment between losing "active" and joining "sealed", so the disk bound never under-counts. */
  #sealingBytes = 0

  constructor(dir: string, options: KindJournalOptions, namer: SegmentNamer) {
    this.dir = dir
    this.#options = options
    this.#namer = namer
  }

  /**
   * Recovers what a previous process left: an active segment is cut back to
   * its last complete line (the torn tail was never acknowledged) and sealed.
   * Returns the segments awaiting insertion, oldest first.
   */
  recover(): Segment[] {
    mkdirSync(this.dir, { recursive: true })
    const files = readdirSync(this.dir).sort()
    for (const file of files) {
      const full = path.join(this.dir, file)
      if (file.endsWith(ACTIVE_SUFFIX)) {
        const bytes = truncateToLastNewline(full)
        const sealedPath = full.slice(0, -ACTIVE_SUFFIX.length) + SEALED_SUFFIX
        renameSync(full, sealedPath)
        if (bytes === 0) continue
      }
    }
    for (const file of readdirSync(this.dir).sort()) {
      if (!file.endsWith(SEALED_SUFFIX)) continue
      const full = path.join(this.dir, file)
      const { size, mtimeMs } = statSync(full)
      if (size === 0) {
        void unlink(full)
        continue
      }
      this.#pushSealed({ name: file.slice(0, -SEALED_SUFFIX.length), path: full, bytes: size, rows: countLines(full), createdAtMs: mtimeMs })
    }
    return [...this.#sealed]
  }

  /** Resolves once `text` (complete lines) is durably on disk. */
  append(text: string, rows: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ text, rows, resolve, reject })
      if (!this.#writing) void this.#drain()
    })
  }

  /** Seals the active segment if it is older than `ageMs` (immediately when 0). */
  sealIfOlderThan(ageMs: number, nowMs = Date.now()): void {
    if (!this.#active || this.#active.rows === 0) return
    if (nowMs - this.#active.createdAtMs < ageMs) return
    if (this.#writing) this.#sealRequested = true
    else void this.#sealActive()
  }

  nextSealed(): Segment | undefined {
    return this.#sealed[0]
  }

  /** Deletes a segment ClickHouse has confirmed. */
  async trim(segment: Segment): Promise<void> {
    const i = this.#sealed.indexOf(segment)
    if (i >= 0) {
      this.#sealed.splice(i, 1)
      this.#sealedBytes -= segment.bytes
    }
    await unlink(segment.path)
  }

  onSealed(listener: () => void): () => void {
    this.#sealedListeners.add(listener)
    return () => this.#sealedListeners.delete(listener)
  }

  get bytes(): number {
    return this.#sealedBytes + this.#sealingBytes + (this.#active?.bytes ?? 0)
  }

  get sealedCount(): number {
    return this.#sealed.length
  }

  /** Creation time of the oldest row not yet confirmed by ClickHouse. */
  get oldestMs(): number | undefined {
    return this.#sealed[0]?.createdAtMs ?? (this.#active && this.#active.rows > 0 ? this.#active.createdAtMs : undefined)
  }

  get idle(): boolean {
    return !this.#writing && this.#pending.length === 0
  }

  /** Waits for in-flight appends, then seals what is active. */
  async close(): Promise<void> {
    while (!this.idle) await new Promise((r) => setTimeout(r, 5))
    await this.#sealActive()
  }

  async #drain(): Promise<void> {
    this.#writing = true
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending
        this.#pending = []
        await this.#write(batch)
        const a = this.#active
        if (this.#sealRequested || (a && (a.bytes >= this.#options.segmentMaxBytes || a.rows >= this.#options.segmentMaxRows))) {
          this.#sealRequested = false
          await this.#sealActive()
        }
      }
    } finally {
      this.#writing = false
    }
  }

  async #write(batch: PendingAppend[]): Promise<void> {
    let segment: ActiveSegment
    try {
      segment = this.#active ?? (await this.#openActive())
    } catch (err) {
      for (const p of batch) p.reject(err as Error)
      return
    }
    const text = batch.length === 1 ? batch[0]!.text : batch.map((p) => p.text).join('')
    const data = Buffer.from(text)
    try {
      await segment.handle.write(data, 0, data.length, segment.bytes)
      await segment.handle.datasync()
    } catch (err) {
      // Cut back what may have been partly written so no unacknowledged row is ever inserted.
      await segment.handle.truncate(segment.bytes).catch(() => undefined)
      for (const p of batch) p.reject(err as Error)
      return
    }
    segment.bytes += data.length
    for (const p of batch) {
      segment.rows += p.rows
      p.resolve()
    }
  }

  async #openActive(): Promise<ActiveSegment> {
    const name = this.#namer.next()
    const file = path.join(this.dir, name + ACTIVE_SUFFIX)
    const handle = await open(file, 'w')
    // Make the new file's directory entry durable too, or a crash could lose an acknowledged segment.
    syncDir(this.dir)
    this.#active = { name, path: file, bytes: 0, rows: 0, createdAtMs: Date.now(), handle }
    return this.#active
  }

  async #sealActive(): Promise<void> {
    const a = this.#active
    if (!a) return
    this.#active = undefined
    this.#sealingBytes += a.bytes
    const sealedPath = a.path.slice(0, -ACTIVE_SUFFIX.length) + SEALED_SUFFIX
    try {
      await a.handle.close()
      if (a.rows === 0) {
        await unlink(a.path)
        return
      }
      await rename(a.path, sealedPath)
      syncDir(this.dir)
    } finally {
      this.#sealingBytes -= a.bytes
    }
    this.#pushSealed({ name: a.name, path: sealedPath, bytes: a.bytes, rows: a.rows, createdAtMs: a.createdAtMs })
  }

  #pushSealed(segment: Segment): void {
    this.#sealed.push(segment)
    this.#sealedBytes += segment.bytes
    for (const listener of this.#sealedListeners) listener()
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function truncateToLastNewline(file: string): number {
  const data = readFileSync(file)
  const end = data.lastIndexOf(0x0a) + 1
  if (end !== data.length) {
    const fd = openSync(file, 'r+')
    try {
      ftruncateSync(fd, end)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
  return end
}

function countLines(file: string): number {
  const data = readFileSync(file)
  let n = 0
  for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, i + 1)) n += 1
  return n
}
