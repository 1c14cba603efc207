/**
 * Canonical order lifecycle (domain.md). Channel-native state names are
 * mapped onto these by configuration; nothing else is accepted as a state.
 */
export const CANONICAL_STATES = [
  'created',
  'deposit_paid',
  'balance_paid',
  'paid',
  'stock_locked',
  'allocated',
  'label_printed',
  'packed',
  'picked_up',
  'in_transit',
  'delivered',
  'completed',
  'cancelled',
  'refund_requested',
  'refunded',
  'after_sales',
] as const

export type CanonicalState = (typeof CANONICAL_STATES)[number]

/** Systems that report order states; each keeps its own copy of the truth. */
export const REPORTING_SYSTEMS = ['oms', 'erp', 'wms', 'tms', 'crm', 'channel', 'cs', 'finance'] as const
export type ReportingSystem = (typeof REPORTING_SYSTEMS)[number]

export function isCanonicalState(value: string): value is CanonicalState {
  return (CANONICAL_STATES as readonly string[]).includes(value)
}
