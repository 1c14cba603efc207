/**
 * Receiver configuration: one TypeBox schema per channel kind, selected by
 * `kind`, so an error names the exact field of the exact receiver instead of
 * "matches none of the union's members".
 */
import { Type, type Static, type TObject } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { NotifierKind } from './types.ts'

const HttpUrl = Type.String({ pattern: '^https?://[^\\s]+$', description: 'http(s) URL' })
const Name = Type.String({ minLength: 1, description: "The receiver's name, as routes and the notification history call it" })
const TimeoutMs = Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, description: 'Per attempt; default 10 s' }))
const BasicAuth = Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String() }, { additionalProperties: false })
const strict = { additionalProperties: false } as const

export const WebhookReceiverSchema = Type.Object(
  {
    kind: Type.Literal('webhook'),
    name: Name,
    url: HttpUrl,
    bearerToken: Type.Optional(Type.String({ minLength: 1 })),
    basicAuth: Type.Optional(BasicAuth),
    maxAlerts: Type.Optional(Type.Integer({ minimum: 0, description: "Alertmanager's max_alerts: 0 sends all; the rest are counted in truncatedAlerts" })),
    timeoutMs: TimeoutMs,
  },
  strict,
)

export const WeComReceiverSchema = Type.Object(
  {
    kind: Type.Literal('wecom'),
    name: Name,
    url: Type.String({ pattern: '^https?://[^\\s]+[?&]key=[^&\\s]+', description: "The group robot's webhook URL, with its key=…" }),
    timeoutMs: TimeoutMs,
  },
  strict,
)

export const DingTalkReceiverSchema = Type.Object(
  {
    kind: Type.Literal('dingtalk'),
    name: Name,
    url: Type.String({ pattern: '^https?://[^\\s]+[?&]access_token=[^&\\s]+', description: "The robot's webhook URL, with its access_token=…" }),
    secret: Type.Optional(Type.String({ minLength: 1, description: 'The 加签 secret (SEC…); signs every request when set' })),
    atMobiles: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    atAll: Type.Optional(Type.Boolean()),
    timeoutMs: TimeoutMs,
  },
  strict,
)

export const FeishuReceiverSchema = Type.Object(
  {
    kind: Type.Literal('feishu'),
    name: Name,
    url: HttpUrl,
    secret: Type.Optional(Type.String({ minLength: 1, description: 'The 签名校验 secret; signs every request when set' })),
    messageType: Type.Optional(Type.Union([Type.Literal('interactive'), Type.Literal('text')], { description: 'interactive card (default) or plain text' })),
    timeoutMs: TimeoutMs,
  },
  strict,
)

export const EmailReceiverSchema = Type.Object(
  {
    kind: Type.Literal('email'),
    name: Name,
    smtp: Type.Object(
      {
        host: Type.String({ minLength: 1 }),
        port: Type.Integer({ minimum: 1, maximum: 65535 }),
        secure: Type.Optional(Type.Boolean({ description: 'TLS from the first byte (port 465); otherwise STARTTLS when offered' })),
        requireTLS: Type.Optional(Type.Boolean()),
        auth: Type.Optional(Type.Object({ user: Type.String({ minLength: 1 }), pass: Type.String() }, strict)),
      },
      strict,
    ),
    from: Type.String({ minLength: 3 }),
    to: Type.Array(Type.String({ minLength: 3 }), { minItems: 1 }),
    subjectPrefix: Type.Optional(Type.String()),
    timeoutMs: TimeoutMs,
  },
  strict,
)

export const AlertmanagerReceiverSchema = Type.Object(
  {
    kind: Type.Literal('alertmanager'),
    name: Name,
    url: Type.String({ pattern: '^https?://[^\\s]+$', description: "Alertmanager's base URL; alerts go to <url>/api/v2/alerts" }),
    bearerToken: Type.Optional(Type.String({ minLength: 1 })),
    basicAuth: Type.Optional(BasicAuth),
    firingEndsAfterMs: Type.Optional(
      Type.Integer({ minimum: 1000, description: 'Give firing alerts endsAt = now + this, as Prometheus does, so Alertmanager resolves them if OrderLens stops re-sending' }),
    ),
    timeoutMs: TimeoutMs,
  },
  strict,
)

export const RECEIVER_SCHEMAS = {
  webhook: WebhookReceiverSchema,
  wecom: WeComReceiverSchema,
  dingtalk: DingTalkReceiverSchema,
  feishu: FeishuReceiverSchema,
  email: EmailReceiverSchema,
  alertmanager: AlertmanagerReceiverSchema,
} as const satisfies Record<NotifierKind, TObject>

/** Any receiver, for embedding in a larger configuration schema. */
export const ReceiverConfigSchema = Type.Union(Object.values(RECEIVER_SCHEMAS))

export type WebhookReceiver = Static<typeof WebhookReceiverSchema>
export type WeComReceiver = Static<typeof WeComReceiverSchema>
export type DingTalkReceiver = Static<typeof DingTalkReceiverSchema>
export type FeishuReceiver = Static<typeof FeishuReceiverSchema>
export type EmailReceiver = Static<typeof EmailReceiverSchema>
export type AlertmanagerReceiver = Static<typeof AlertmanagerReceiverSchema>
export type ReceiverConfig = Static<typeof ReceiverConfigSchema>

export class ReceiverConfigError extends Error {
  override name = 'ReceiverConfigError'
}

/** Check one receiver's configuration; the error names the receiver and every bad field. */
export function parseReceiverConfig(raw: unknown): ReceiverConfig {
  const label = receiverLabel(raw)
  const kind = (raw as { kind?: unknown } | null)?.kind
  if (typeof kind !== 'string' || !(kind in RECEIVER_SCHEMAS)) {
    throw new ReceiverConfigError(`${label}: /kind must be one of ${Object.keys(RECEIVER_SCHEMAS).join(', ')} (got ${JSON.stringify(kind)})`)
  }
  const schema = RECEIVER_SCHEMAS[kind as NotifierKind]
  // One message per field: a missing field otherwise also reports its wrong type.
  const errors = [...new Map([...Value.Errors(schema, raw)].reverse().map((e) => [e.path, e])).values()].reverse()
  if (errors.length > 0) {
    const detail = errors.slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}${fieldHint(e.schema)}`).join('; ')
    throw new ReceiverConfigError(`${label}: ${detail}`)
  }
  return raw as ReceiverConfig
}

function receiverLabel(raw: unknown): string {
  const name = (raw as { name?: unknown } | null)?.name
  return typeof name === 'string' && name !== '' ? `receiver "${name}"` : 'receiver'
}

function fieldHint(schema: { description?: string }): string {
  return schema.description ? ` (${schema.description})` : ''
}
