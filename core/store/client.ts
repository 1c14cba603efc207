import { mkdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import type { Config } from '../config/index.ts'
import { clickhouseDataDir } from '../config/index.ts'

/** Settings every connection carries, so chDB answers exactly as a server does. */
const COMMON_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 1,
}

export interface Store {
  readonly embedded: boolean
  /** Rows as objects, with query parameters bound by ClickHouse (never string-built). */
  query<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>
  command(sql: string, params?: Record<string, unknown>): Promise<void>
  /**
   * Inserts rows given as JSON arrays, one per line, in `columns` order
   * (JSONCompactEachRow). `dedupToken` makes a repeated insert of the same
   * block a no-op in the table and in the views it feeds.
   */
  insertRows(table: string, columns: readonly string[], lines: string | Buffer, dedupToken?: string): Promise<void>
  ping(): Promise<boolean>
  close(): Promise<void>
}

export function openStore(config: Config): Store {
  const embedded = !config.clickhouse.url
  const clients = embedded ? embeddedClients(config) : [serverClient(config)]
  const take = leastBusy(clients)
  return {
    embedded,
    query: <T>(sql: string, params?: Record<string, unknown>) =>
      take(async (client) => {
        const rs = await client.query({ query: sql, query_params: params, format: 'JSONEachRow' })
        return rs.json<T>()
      }),
    command: (sql: string, params?: Record<string, unknown>) => take((client) => client.command({ query: sql, query_params: params }).then(() => undefined)),
    insertRows(table, columns, lines, dedupToken) {
      assertIdentifier(table)
      columns.forEach(assertIdentifier)
      const body = typeof lines === 'string' ? Buffer.from(lines) : lines
      return take(async (client) => {
        const result = await client.exec({
          query: `INSERT INTO ${table} (${columns.join(', ')}) FORMAT JSONCompactEachRow`,
          values: Readable.from([body], { objectMode: false }),
          clickhouse_settings: dedupToken
            ? { insert_deduplication_token: dedupToken, insert_deduplicate: 1, deduplicate_blocks_in_dependent_materialized_views: 1 }
            : {},
        })
        // Drain so the connection is reusable and server errors surface.
        for await (const _ of result.stream) void _
      })
    },
    async ping() {
      try {
        const r = await clients[0]!.ping()
        return r.success
      } catch {
        return false
      }
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()))
    },
  }
}

/**
 * Runs each call on the client with the fewest calls in flight. A server
 * client pipelines on its own; an embedded connection runs one statement at
 * a time, so spreading calls over several lets the collector's inserts run
 * beside the analyzer's and the console's reads instead of queueing behind
 * them.
 */
function leastBusy(clients: ClickHouseClient[]) {
  const busy = clients.map(() => 0)
  return async <T>(call: (client: ClickHouseClient) => Promise<T>): Promise<T> => {
    const i = busy.indexOf(Math.min(...busy))
    busy[i]!++
    try {
      return await call(clients[i]!)
    } finally {
      busy[i]!--
    }
  }
}

/**
 * Connections to the embedded engine on one data directory: chDB lets several
 * share the process's one engine, each with its own query state, and runs
 * their statements in parallel (an insert of 200k rows beside a 180 ms query:
 * 185 ms on four connections, 374 ms on one). chDB 3.4 still runs queries with
 * bound parameters one at a time process-wide (a race in libchdb's binding),
 * so parameterized reads queue whatever the number of connections.
 */
function embeddedClients(config: Config): ClickHouseClient[] {
  const dir = clickhouseDataDir(config)
  mkdirSync(dir, { recursive: true })
  return Array.from({ length: config.clickhouse.embeddedConnections }, () =>
    createClient({
      // chdb's Connection implements the client's Connection contract; the cast bridges two copies of its types.
      connection: createChdbConnection({ path: dir }) as never,
      clickhouse_settings: COMMON_SETTINGS,
    }),
  )
}

function serverClient(config: Config): ClickHouseClient {
  const ch = config.clickhouse
  return createClient({
    url: ch.url,
    username: ch.username,
    password: ch.password,
    database: ch.database,
    request_timeout: ch.requestTimeoutMs,
    // Failures are logged once, with context, by whoever retries them; the client's own log would repeat each.
    log: { level: ClickHouseLogLevel.OFF },
    clickhouse_settings: COMMON_SETTINGS,
  })
}

/** Table names come from code, never from input; this guards the one place they meet SQL text. */
export function assertIdentifier(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`)
}
