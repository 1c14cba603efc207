/**
 * Where an order stands as every system can see it. Systems see different
 * detail (the channel knows nothing of labels and packing; the courier
 * nothing of payment), so records are compared on this coarse scale:
 * before payment, paid and not yet shipped, shipped, delivered or done.
 */
const LEVEL: Record<string, number> = {
  created: 0,
  deposit_paid: 0,
  paid: 1,
  balance_paid: 1,
  stock_locked: 1,
  allocated: 1,
  label_printed: 1,
  packed: 1,
  picked_up: 2,
  in_transit: 2,
  delivered: 3,
  // The courier's last word is "delivered"; completion is the channel's and OMS's business.
  completed: 3,
}

const BRANCH = new Set(['cancelled', 'refund_requested', 'refunded', 'after_sales'])

/** Systems whose copies of the order's state must agree (finance, CRM and CS keep their own views). */
export const COMPARED_SYSTEMS = new Set(['channel', 'oms', 'wms', 'tms'])

/**
 * The systems whose latest state disagrees with the others: those behind the
 * furthest one (WMS shipped, OMS still awaiting shipment), or those still
 * working the order after another has left the fulfilment path (cancelled,
 * refunded). Empty when they agree.
 */
export function laggingSystems(states: Map<string, string>): string[] {
  const compared = [...states].filter(([system, state]) => COMPARED_SYSTEMS.has(system) && (LEVEL[state] !== undefined || BRANCH.has(state)))
  if (compared.length < 2) return []
  const levels = compared.filter(([, state]) => !BRANCH.has(state)).map(([system, state]) => ({ system, level: LEVEL[state]! }))
  if (compared.some(([, state]) => BRANCH.has(state))) return levels.filter(({ system, level }) => level >= 1 && level < 3 && !(system === 'wms' && level === 2)).map((l) => l.system)
  const top = Math.max(...levels.map((l) => l.level))
  // The warehouse's world ends when the courier takes the parcel: its "picked_up" agrees with anything later.
  return levels.filter(({ system, level }) => level < top && !(system === 'wms' && level === 2)).map((l) => l.system)
}

/** Whether the systems' latest states disagree (see laggingSystems). */
export const disagree = (states: Map<string, string>): boolean => laggingSystems(states).length > 0
