import { Type, type Static } from '@sinclair/typebox'
import { Attributes, Code, IpAddress, EventId, LongText, ShortText, StringEnum, Timestamp } from './common.ts'
import { CANONICAL_STATES, REPORTING_SYSTEMS } from './lifecycle.ts'

const Item = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.Optional(ShortText),
    category: Type.Optional(ShortText),
    qty: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    price: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
)

const FieldChange = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 64 }),
    before: Type.Optional(Type.String({ maxLength: 1024 })),
    after: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
)

export const OrderEventSchema = Type.Object(
  {
    event_id: Type.Optional(EventId),
    order_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description:
          'Global order fingerprint. When absent it is computed from channel, channel_order_no, buyer_id, order_time and item skus, so a re-created order is the same order.',
      }),
    ),
    channel: Code,
    channel_order_no: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    buyer_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    order_time: Type.Optional(Timestamp),
    system: StringEnum(REPORTING_SYSTEMS, { description: 'System reporting this state' }),
    state: Type.Optional(StringEnum(CANONICAL_STATES, { description: 'Canonical lifecycle state' })),
    native_state: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The channel's own state name" })),
    event_time: Timestamp,
    amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    items: Type.Optional(Type.Array(Item, { maxItems: 500 })),
    warehouse: Type.Optional(Code),
    carrier: Type.Optional(Code),
    tracking_no: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    region: Type.Optional(ShortText),
    customer_level: Type.Optional(Code),
    payment_method: Type.Optional(Code),
    presale: Type.Optional(Type.Boolean()),
    department: Type.Optional(ShortText),
    operator: Type.Optional(ShortText),
    consignee_name: Type.Optional(ShortText),
    consignee_phone: Type.Optional(Type.String({ maxLength: 32 })),
    consignee_address: Type.Optional(LongText),
    buyer_ip: Type.Optional(IpAddress),
    manual_change: Type.Optional(Type.Boolean()),
    changed_fields: Type.Optional(Type.Array(FieldChange, { maxItems: 64 })),
    attributes: Type.Optional(Attributes),
  },
  { additionalProperties: false, $id: 'OrderEvent', title: 'Order lifecycle event' },
)

export type OrderEvent = Static<typeof OrderEventSchema>
