import type { FastifyBaseLogger } from 'fastify'
import { EVENT_KINDS, KIND_NAMES, type KindName } from '../../core/contracts/index.ts'
import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import { idsInSegments, IngestJournal } from '../journal/ingest-journal.ts'
import type { CollectorMetrics } from '../metrics.ts'
import { elementLines, parseBody, type BodyRow } from './parse-body.ts'
import { processRows, type RowError } from './process-rows.ts'
import { RecentIds } from './recent-ids.ts'

export interface IngestResult {
  accepted: number
  duplicates: number
  rejected: number
  errors: RowError[]
  errors_truncated: boolean
}

/** Refusal of a whole request that the client should retry later. */
export class BackpressureError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}

/**
 * The collector's controller: body → rows → validated storage rows → journal.
 * Resolves only when the accepted rows are durable.
 */
export class IngestService {
  readonly journal: IngestJournal
  readonly #config: Config
  readonly #store: Store
  readonly #metrics: CollectorMetrics
  readonly #recent = new Map<KindName, RecentIds>()
  #pendingBytes = 0

  constructor(config: Config, store: Store, journalDir: string, metrics: CollectorMetrics, log: FastifyBaseLogger) {
    this.#config = config
    this.#store = store
    this.#metrics = metrics
    for (const kind of KIND_NAMES) this.#recent.set(kind, new RecentIds(config.ingest.dedupWindowIds, config.ingest.dedupWindowSeconds))
    this.journal = new IngestJournal(journalDir, config.journal, store, {
      inserted: (table, segment, seconds) => {
        metrics.insertSeconds.observe({ table }, seconds)
        metrics.batchRows.observe({ table }, segment.rows)
        metrics.insertedRows.inc({ table }, segment.rows)
      },
      failed: (table, error) => {
        metrics.clickhouseErrors.inc({ table })
        log.warn({ table, err: error.message, journalBytes: this.journal.bytes }, 'insert into ClickHouse failed; the segment stays in the journal and is retried')
      },
    })
  }

  /**
   * Replays what the journal holds and primes the recent-id windows from the
   * journal and from ClickHouse, so retries that straddle a restart are still
   * recognised.
   */
  async start(): Promise<{ replayedSegments: number; replayedRows: number }> {
    const recovered = this.journal.recover()
    let replayedSegments = 0
    let replayedRows = 0
    for (const [kind, segments] of recovered) {
      const recent = this.#recent.get(kind)!
      await this.#primeFromStore(kind, recent)
      for await (const id of idsInSegments(segments)) recent.add(id)
      replayedSegments += segments.length
      replayedRows += segments.reduce((n, s) => n + s.rows, 0)
    }
    // Only now: flushing trims replayed segments, and their ids had to be read first.
    this.journal.start()
    return { replayedSegments, replayedRows }
  }

  async #primeFromStore(kind: KindName, recent: RecentIds): Promise<void> {
    const { dedupWindowIds, dedupWindowSeconds } = this.#config.ingest
    if (dedupWindowIds === 0) return
    try {
      const rows = await this.#store.query<{ event_id: string }>(
        `SELECT event_id FROM ${EVENT_KINDS[kind].table}
         WHERE ingested_at >= now64(3) - toIntervalSecond({seconds:UInt32})
         ORDER BY ingested_at LIMIT {limit:UInt32}`,
        { seconds: dedupWindowSeconds, limit: dedupWindowIds },
      )
      for (const r of rows) recent.add(r.event_id)
    } catch {
      // ClickHouse down at start: the journal still takes rows; the table's ReplacingMergeTree is the backstop.
    }
  }

  async ingest(kindName: KindName, body: Buffer, source: string): Promise<IngestResult> {
    const limits = this.#config.ingest
    if (this.journal.wouldExceed(body.length)) {
      throw new BackpressureError('ingest journal is full (ClickHouse is behind or unreachable); retry later', this.#config.journal.retryAfterSeconds)
    }
    if (this.#pendingBytes + body.length > limits.maxPendingBytes) {
      throw new BackpressureError('collector is saturated; retry later', 1)
    }
    this.#pendingBytes += body.length
    try {
      return await this.#ingest(kindName, body, source)
    } finally {
      this.#pendingBytes -= body.length
    }
  }

  async #ingest(kindName: KindName, body: Buffer, source: string): Promise<IngestResult> {
    const kind = EVENT_KINDS[kindName]
    const { rows, text } = parseBody(body)
    const now = Date.now()
    const recent = this.#recent.get(kindName)!
    const batch = processRows(
      kind,
      rows,
      { stateMapping: this.#config.stateMapping, latestAcceptedMs: now + this.#config.ingest.maxFutureSkewSeconds * 1000, source, ingestedAtMs: now },
      recent,
    )
    if (batch.accepted > 0) {
      try {
        await this.journal.append(kindName, batch.text, batch.accepted)
      } catch (err) {
        for (const id of batch.claimedIds) recent.delete(id)
        throw err
      }
    }
    this.#count(kindName, source, batch.accepted, batch.duplicates, batch.errors)
    if (batch.errors.length > 0 && rows.length > 0 && rows[0]!.line === 0) fillArrayLines(batch.errors, text)
    const max = this.#config.ingest.maxErrorsReported
    return {
      accepted: batch.accepted,
      duplicates: batch.duplicates,
      rejected: batch.errors.length,
      errors: batch.errors.slice(0, max),
      errors_truncated: batch.errors.length > max,
    }
  }

  #count(kind: KindName, source: string, accepted: number, duplicates: number, errors: RowError[]): void {
    if (accepted) this.#metrics.rows.inc({ kind, source, outcome: 'accepted' }, accepted)
    if (duplicates) this.#metrics.rows.inc({ kind, source, outcome: 'duplicate' }, duplicates)
    for (const e of errors) this.#metrics.rejected.inc({ kind, source, reason: e.code })
  }

  pruneRecentIds(): void {
    for (const r of this.#recent.values()) r.prune()
  }

  /** Ready while the journal has room for more than a few batches (5% of its bound). */
  get ready(): boolean {
    return !this.journal.wouldExceed(this.#config.journal.maxBytes * 0.05)
  }
}

function fillArrayLines(errors: RowError[], text: string): void {
  const lines = elementLines(text)
  for (const e of errors) e.line = lines[e.index] ?? 0
}

export type { BodyRow }
