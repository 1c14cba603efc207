import { Type, type Static } from '@sinclair/typebox'
import { EventId, Timestamp } from './common.ts'

export const QueueSampleSchema = Type.Object(
  {
    event_id: Type.Optional(EventId),
    ts: Timestamp,
    queue: Type.String({ minLength: 1, maxLength: 128 }),
    depth: Type.Integer({ minimum: 0 }),
    oldest_age_s: Type.Number({ minimum: 0, description: 'Age of the oldest waiting message, seconds' }),
    consumers: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false, $id: 'QueueSample', title: 'Queue depth sample' },
)

export type QueueSample = Static<typeof QueueSampleSchema>
