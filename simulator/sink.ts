import type { KindName } from '../core/contracts/index.ts'

/** Where simulated events go: a collector over HTTP, the store, or NDJSON files. */
export interface Sink {
  write(kind: KindName, events: object[]): Promise<void>
  close(): Promise<void>
}
