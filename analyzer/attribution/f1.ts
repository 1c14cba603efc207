import type { RootCause } from './leaf-table.ts'

/** A root-cause element as the papers compare them: its dimension=value pairs, sorted, joined by '&'. */
export const causeKey = (cause: RootCause): string =>
  Object.entries(cause)
    .map(([d, v]) => `${d}=${v}`)
    .sort()
    .join('&')

export interface Confusion {
  tp: number
  fp: number
  fn: number
}

/** Exact match of root-cause elements (RiskLoc/Squeeze evaluation): a partly right element counts as wrong. */
export function confusion(found: RootCause[], truth: RootCause[]): Confusion {
  const want = new Set(truth.map(causeKey))
  const got = new Set(found.map(causeKey))
  const tp = [...got].filter((k) => want.has(k)).length
  return { tp, fp: got.size - tp, fn: want.size - tp }
}

export function addConfusion(a: Confusion, b: Confusion): Confusion {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }
}

/** F1 over summed counts, as the papers report it per dataset. */
export const f1 = (c: Confusion): number => (c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn))
