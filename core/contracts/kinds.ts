import type { TSchema } from '@sinclair/typebox'
import { CallEventSchema } from './call-event.ts'
import { CustomerQuerySchema } from './customer-query.ts'
import { JobRunSchema } from './job-run.ts'
import { OrderEventSchema } from './order-event.ts'
import { QueueSampleSchema } from './queue-sample.ts'
import { callEventRow, customerQueryRow, jobRunRow, orderEventRow, queueSampleRow, type RowContext, type RowResult } from './rows.ts'

/** One kind of event the collector accepts: its route name, contract and table. */
export interface EventKind {
  name: KindName
  table: string
  schema: TSchema
  /** Turns a schema-valid event into the row stored in `table`. */
  toRow(event: never, ctx: RowContext): RowResult
}

export const KIND_NAMES = ['orders', 'calls', 'jobs', 'queues', 'queries'] as const
export type KindName = (typeof KIND_NAMES)[number]

export const EVENT_KINDS: Record<KindName, EventKind> = {
  orders: { name: 'orders', table: 'order_events', schema: OrderEventSchema, toRow: orderEventRow },
  calls: { name: 'calls', table: 'interface_calls', schema: CallEventSchema, toRow: callEventRow },
  jobs: { name: 'jobs', table: 'job_runs', schema: JobRunSchema, toRow: jobRunRow },
  queues: { name: 'queues', table: 'queue_samples', schema: QueueSampleSchema, toRow: queueSampleRow },
  queries: { name: 'queries', table: 'customer_queries', schema: CustomerQuerySchema, toRow: customerQueryRow },
}
