import { callEvent, ndjson } from './events.ts'
import { TOKENS } from './config.ts'

export interface Batch {
  ids: string[]
  body: string
}

/** Batches of call events with ids unique across the whole run. */
export function makeBatches(count: number, size: number, prefix = 'b'): Batch[] {
  return Array.from({ length: count }, (_, b) => {
    const rows = Array.from({ length: size }, (_, i) => callEvent(b * size + i, { event_id: `${prefix}${b}-${i}` }))
    return { ids: rows.map((r) => r.event_id!), body: ndjson(rows) }
  })
}

export type Outcome = 'acked' | 'refused' | 'failed'

/** POSTs one batch; 'failed' means no answer (connection cut), so the client cannot know. */
export async function send(url: string, batch: Batch): Promise<{ outcome: Outcome; status?: number; retryAfter?: string | null }> {
  try {
    const res = await fetch(`${url}/api/v1/ingest/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.wms}`, 'content-type': 'application/x-ndjson' },
      body: batch.body,
    })
    await res.arrayBuffer()
    return { outcome: res.status === 200 ? 'acked' : 'refused', status: res.status, retryAfter: res.headers.get('retry-after') }
  } catch {
    return { outcome: 'failed' }
  }
}
