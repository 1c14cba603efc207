import type { Disagreement } from './types.ts'

export const tracePath = (key: string) => `/api/v1/orders/${encodeURIComponent(key)}/trace`

/** ClickHouse's zone-less UTC text to epoch ms. */
export const utcMs = (text: string) => Date.parse(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`)

/** True when the moment falls in a span where the systems disagreed (an open span lasts until now). */
export function inDisagreement(ms: number, spans: Disagreement[]): boolean {
  return spans.some((d) => ms >= Date.parse(d.from) && ms <= (d.to ? Date.parse(d.to) : Infinity))
}
