import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { IngestJournal } from './journal/ingest-journal.ts'

/** The collector's Prometheus series; names follow Prometheus conventions (base units, _total). */
export function createCollectorMetrics(registry: Registry) {
  const registers = [registry]
  return {
    rows: new Counter({
      name: 'orderlens_ingest_rows_total',
      help: 'Rows received by the collector, by kind, authenticated source and outcome (accepted, duplicate)',
      labelNames: ['kind', 'source', 'outcome'] as const,
      registers,
    }),
    rejected: new Counter({
      name: 'orderlens_ingest_rejected_rows_total',
      help: 'Rows rejected by the collector, by kind, source and reason',
      labelNames: ['kind', 'source', 'reason'] as const,
      registers,
    }),
    requests: new Counter({
      name: 'orderlens_ingest_requests_total',
      help: 'Ingest requests by kind and HTTP status',
      labelNames: ['kind', 'status'] as const,
      registers,
    }),
    authFailures: new Counter({
      name: 'orderlens_ingest_auth_failures_total',
      help: 'Ingest requests refused for a missing or unknown bearer token',
      labelNames: ['reason'] as const,
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'orderlens_ingest_ack_seconds',
      help: 'Time from request start to acknowledgement (rows durable in the journal)',
      labelNames: ['kind'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    batchRows: new Histogram({
      name: 'orderlens_clickhouse_batch_rows',
      help: 'Rows per insert into ClickHouse',
      labelNames: ['table'] as const,
      buckets: [1, 10, 100, 1000, 5000, 10_000, 25_000, 50_000, 100_000],
      registers,
    }),
    insertSeconds: new Histogram({
      name: 'orderlens_clickhouse_insert_seconds',
      help: 'Latency of journal segment inserts into ClickHouse',
      labelNames: ['table'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    clickhouseErrors: new Counter({
      name: 'orderlens_clickhouse_errors_total',
      help: 'Failed ClickHouse inserts (each is retried)',
      labelNames: ['table'] as const,
      registers,
    }),
    insertedRows: new Counter({
      name: 'orderlens_clickhouse_inserted_rows_total',
      help: 'Rows confirmed by ClickHouse and trimmed from the journal',
      labelNames: ['table'] as const,
      registers,
    }),
  }
}

export type CollectorMetrics = ReturnType<typeof createCollectorMetrics>

/** Gauges read from the journal at scrape time. */
export function registerJournalGauges(registry: Registry, journal: IngestJournal, maxBytes: number): void {
  // The disk bound, so an alert can say how close the journal is to refusing ingest (503).
  new Gauge({ name: 'orderlens_journal_max_bytes', help: 'Disk bound of the ingest journal; past it ingest answers 503', registers: [registry] }).set(maxBytes)
  new Gauge({
    name: 'orderlens_journal_bytes',
    help: 'Bytes in the ingest journal not yet confirmed by ClickHouse',
    registers: [registry],
    collect() {
      this.set(journal.bytes)
    },
  })
  new Gauge({
    name: 'orderlens_journal_oldest_age_seconds',
    help: 'Age of the oldest journaled row not yet in ClickHouse (ingest lag)',
    registers: [registry],
    collect() {
      this.set(journal.oldestAgeSeconds())
    },
  })
  new Gauge({
    name: 'orderlens_journal_segments_pending',
    help: 'Sealed journal segments waiting for ClickHouse',
    registers: [registry],
    collect() {
      this.set(journal.segmentsPending)
    },
  })
}
