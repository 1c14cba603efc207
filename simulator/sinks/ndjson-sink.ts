import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import path from 'node:path'
import type { KindName } from '../../core/contracts/index.ts'
import type { Sink } from '../sink.ts'

/** NDJSON files, one per kind (`orders.ndjson`, `calls.ndjson` …), ready to POST to a collector. */
export function ndjsonSink(dir: string): Sink {
  mkdirSync(dir, { recursive: true })
  const files = new Map<KindName, WriteStream>()
  const fileFor = (kind: KindName) => {
    let f = files.get(kind)
    if (!f) files.set(kind, (f = createWriteStream(path.join(dir, `${kind}.ndjson`))))
    return f
  }
  return {
    async write(kind, events) {
      const f = fileFor(kind)
      if (!f.write(events.map((e) => JSON.stringify(e)).join('\n') + '\n')) await new Promise<void>((r) => f.once('drain', () => r()))
    },
    async close() {
      await Promise.all([...files.values()].map((f) => new Promise<void>((r) => f.end(() => r()))))
    },
  }
}
