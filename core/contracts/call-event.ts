import { Type, type Static } from '@sinclair/typebox'
import { Attributes, Code, IpAddress, EventId, LongText, NonNegativeMs, StringEnum, Timestamp } from './common.ts'

export const CallEventSchema = Type.Object(
  {
    event_id: Type.Optional(EventId),
    ts: Timestamp,
    source_system: Code,
    target_system: Code,
    endpoint: Type.String({ minLength: 1, maxLength: 256 }),
    direction: StringEnum(['call', 'callback']),
    http_status: Type.Integer({ minimum: 0, maximum: 599, description: '0 when no response was received' }),
    latency_ms: NonNegativeMs,
    error_code: Type.Optional(Type.String({ maxLength: 64 })),
    error_message: Type.Optional(LongText),
    client_ip: Type.Optional(IpAddress),
    retry_attempt: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    payload_bytes: Type.Optional(Type.Integer({ minimum: 0 })),
    order_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    channel: Type.Optional(Code),
    attributes: Type.Optional(Attributes),
  },
  { additionalProperties: false, $id: 'CallEvent', title: 'Interface call event' },
)

export type CallEvent = Static<typeof CallEventSchema>
