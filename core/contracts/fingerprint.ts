import { createHash } from 'node:crypto'

export interface FingerprintInput {
  channel: string
  channel_order_no: string
  buyer_id: string
  order_time_ms: number
  skus: readonly string[]
}

/**
 * The global order fingerprint (domain.md, story 7): the same order
 * re-created in another system, in another item order or with different
 * white space, hashes to the same id, so a re-creation is a no-op.
 */
export function orderFingerprint(input: FingerprintInput): string {
  const skus = input.skus.map(norm).sort()
  const key = [norm(input.channel).toLowerCase(), norm(input.channel_order_no), norm(input.buyer_id), String(input.order_time_ms), skus.join(',')].join('\u001f')
  return 'o' + createHash('sha256').update(key).digest('hex').slice(0, 31)
}

/** Event id for an event sent without one: a hash of its content, so a re-sent copy gets the same id. */
export function contentEventId(kind: string, event: unknown): string {
  return 'h' + createHash('sha256').update(kind).update('\u001f').update(JSON.stringify(event)).digest('hex').slice(0, 31)
}

function norm(s: string): string {
  return s.normalize('NFC').trim()
}
