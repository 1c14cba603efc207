import type { KindName } from '../../core/contracts/index.ts'
import type { Sink } from '../sink.ts'

/**
 * Streams to a collector as any source system would: NDJSON batches with a
 * bearer token, honouring 503 + Retry-After; a 4xx is a bug worth stopping for.
 */
export function httpSink(baseUrl: string, token: string): Sink {
  return {
    async write(kind: KindName, events: object[]) {
      const body = events.map((e) => JSON.stringify(e)).join('\n') + '\n'
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(new URL(`/api/v1/ingest/${kind}`, baseUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
          body,
        })
        const text = await res.text()
        if (res.ok) {
          const result = JSON.parse(text) as { rejected: number; errors: unknown[] }
          if (result.rejected > 0) throw new Error(`collector rejected ${result.rejected} ${kind} events: ${JSON.stringify(result.errors.slice(0, 3))}`)
          return
        }
        if (res.status === 503 && attempt < 100) {
          await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000))
          continue
        }
        throw new Error(`collector answered ${res.status} to ${kind}: ${text.slice(0, 300)}`)
      }
    },
    async close() {},
  }
}
