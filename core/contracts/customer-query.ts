import { Type, type Static } from '@sinclair/typebox'
import { Code, EventId, NonNegativeMs, StringEnum, Timestamp } from './common.ts'

/** A customer looking up an order (self-service or via an agent). */
export const CustomerQuerySchema = Type.Object(
  {
    event_id: Type.Optional(EventId),
    ts: Timestamp,
    channel: Code,
    query_key: Type.String({ minLength: 1, maxLength: 128, description: 'What the customer typed: order no, phone, tracking no' }),
    key_type: Type.Optional(StringEnum(['order_no', 'phone', 'tracking_no', 'other'])),
    found: Type.Boolean(),
    latency_ms: NonNegativeMs,
    order_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    self_service: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, $id: 'CustomerQuery', title: 'Customer order query' },
)

export type CustomerQuery = Static<typeof CustomerQuerySchema>
