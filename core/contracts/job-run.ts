import { Type, type Static } from '@sinclair/typebox'
import { Code, EventId, LongText, StringEnum, Timestamp } from './common.ts'

/** One run (or heartbeat) of a scheduled sync job. */
export const JobRunSchema = Type.Object(
  {
    event_id: Type.Optional(EventId),
    job: Type.String({ minLength: 1, maxLength: 128, description: 'Job name, e.g. jd_order_import' }),
    host: Type.Optional(Type.String({ maxLength: 128 })),
    schedule: Type.Optional(Type.String({ maxLength: 64, description: 'Cron expression the job is meant to follow' })),
    started_at: Timestamp,
    finished_at: Type.Optional(Timestamp),
    status: StringEnum(['running', 'success', 'failed', 'heartbeat']),
    rows_moved: Type.Optional(Type.Integer({ minimum: 0 })),
    error_message: Type.Optional(LongText),
    channel: Type.Optional(Code),
  },
  { additionalProperties: false, $id: 'JobRun', title: 'Scheduled job run' },
)

export type JobRun = Static<typeof JobRunSchema>
