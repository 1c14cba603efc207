import type { TSchema } from '@sinclair/typebox'
import { CallEventSchema } from './call-event.ts'
import { CustomerQuerySchema } from './customer-query.ts'
import { JobRunSchema } from './job-run.ts'
import { OrderEventSchema } from './order-event.ts'
import { QueueSampleSchema } from './queue-sample.ts'
import { callEventRow, customerQueryRow, jobRunRow, orderEventRow, queueSampleRow, type RowContext, type RowResult, type StorageRow } from './rows.ts'

/** One kind of event the collector accepts: its route name, contract and table. */
export interface EventKind {
  name: KindName
  table: string
  schema: TSchema
  /** Column order of the journal and insert format (JSONCompactEachRow); event_id is always first. */
  columns: readonly string[]
  /** Turns a schema-valid event into the row stored in `table`. */
  toRow(event: never, ctx: RowContext): RowResult
}

const ORDERS_COLUMNS = ['event_id', 'order_id', 'channel', 'channel_order_no', 'buyer_id', 'order_time', 'system', 'state', 'native_state', 'event_time', 'amount', 'currency', 'items', 'item_count', 'warehouse', 'carrier', 'tracking_no', 'region', 'customer_level', 'payment_method', 'presale', 'department', 'operator', 'consignee_name', 'consignee_phone', 'consignee_address', 'buyer_ip', 'manual_change', 'changed_fields', 'attributes', 'source', 'ingested_at'] as const
const CALLS_COLUMNS = ['event_id', 'ts', 'source_system', 'target_system', 'endpoint', 'direction', 'http_status', 'status_class', 'latency_ms', 'error_code', 'error_message', 'client_ip', 'retry_attempt', 'payload_bytes', 'order_id', 'channel', 'attributes', 'source', 'ingested_at'] as const
const JOBS_COLUMNS = ['event_id', 'job', 'host', 'schedule', 'started_at', 'finished_at', 'duration_ms', 'status', 'rows_moved', 'error_message', 'channel', 'source', 'ingested_at'] as const
const QUEUES_COLUMNS = ['event_id', 'ts', 'queue', 'depth', 'oldest_age_s', 'consumers', 'source', 'ingested_at'] as const
const QUERIES_COLUMNS = ['event_id', 'ts', 'channel', 'query_key', 'key_type', 'found', 'latency_ms', 'order_id', 'self_service', 'source', 'ingested_at'] as const

export const KIND_NAMES = ['orders', 'calls', 'jobs', 'queues', 'queries'] as const
export type KindName = (typeof KIND_NAMES)[number]

export const EVENT_KINDS: Record<KindName, EventKind> = {
  orders: { name: 'orders', table: 'order_events', schema: OrderEventSchema, columns: ORDERS_COLUMNS, toRow: orderEventRow },
  calls: { name: 'calls', table: 'interface_calls', schema: CallEventSchema, columns: CALLS_COLUMNS, toRow: callEventRow },
  jobs: { name: 'jobs', table: 'job_runs', schema: JobRunSchema, columns: JOBS_COLUMNS, toRow: jobRunRow },
  queues: { name: 'queues', table: 'queue_samples', schema: QueueSampleSchema, columns: QUEUES_COLUMNS, toRow: queueSampleRow },
  queries: { name: 'queries', table: 'customer_queries', schema: CustomerQuerySchema, columns: QUERIES_COLUMNS, toRow: customerQueryRow },
}

/**
 * A storage row as one journal line: a JSON array in `kind.columns` order
 * (JSONCompactEachRow). Without the repeated keys it is less than half the
 * size of JSONEachRow, and ClickHouse parses it about three times faster.
 */
export function encodeRow(kind: EventKind, row: StorageRow): string {
  const values = new Array<unknown>(kind.columns.length)
  for (let i = 0; i < values.length; i++) values[i] = row[kind.columns[i]!]
  return JSON.stringify(values)
}
