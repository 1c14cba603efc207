import { Type } from '@sinclair/typebox'

/** RFC 3339 instant with an explicit offset, e.g. 2026-11-11T00:00:03.120+08:00. */
export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 date-time with offset' })

/** Caller-chosen identifier; idempotency hangs on it, so it must be stable across retries. */
export const EventId = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'Unique id of this event. When absent, a hash of the event content is used, so a re-sent event is recognised.',
})

/** Lower-case identifier of a channel, system, endpoint owner, warehouse code… kept short for LowCardinality columns. */
export const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' })

export const ShortText = Type.String({ maxLength: 256 })
export const LongText = Type.String({ maxLength: 4096 })

/** Free attributes: flat string map, bounded so one row cannot balloon a batch. */
export const Attributes = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1024 }), {
  maxProperties: 64,
  description: 'Free string attributes',
})

/** IPv4 or IPv6 address (validated with node:net). */
export const IpAddress = Type.String({ format: 'ip', maxLength: 45 })

export const NonNegativeMs = Type.Number({ minimum: 0, maximum: 86_400_000 })

/** A closed set of strings as a plain JSON Schema enum, which validates fast and reports the allowed values. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}
