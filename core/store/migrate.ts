import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Config } from '../config/index.ts'
import type { Store } from './client.ts'

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export interface Migration {
  version: number
  name: string
  checksum: string
  statements: string[]
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8')
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
        statements: splitStatements(text),
      }
    })
}

/** Statements end with a semicolon at the end of a line; comments are dropped. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
  return withoutComments
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean)
}

export interface MigrationReport {
  applied: string[]
  skipped: string[]
}

/** Applies pending migrations in order and records each; safe to run at every start. */
export async function migrate(store: Store, migrations = listMigrations()): Promise<MigrationReport> {
  await store.command(`CREATE TABLE IF NOT EXISTS schema_migrations
    (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = ReplacingMergeTree ORDER BY version`)
  const done = await store.query<{ version: number; checksum: string; name: string }>(
    'SELECT version, checksum, name FROM schema_migrations FINAL',
  )
  const byVersion = new Map(done.map((m) => [Number(m.version), m]))
  const report: MigrationReport = { applied: [], skipped: [] }
  for (const m of migrations) {
    const prior = byVersion.get(m.version)
    if (prior) {
      if (prior.checksum !== m.checksum) {
        throw new Error(`migration ${m.name} changed after it was applied (recorded ${prior.checksum}, file ${m.checksum}); add a new migration instead`)
      }
      report.skipped.push(m.name)
      continue
    }
    for (const statement of m.statements) await store.command(statement)
    await store.command('INSERT INTO schema_migrations (version, name, checksum) VALUES ({version:UInt32}, {name:String}, {checksum:String})', {
      version: m.version,
      name: m.name,
      checksum: m.checksum,
    })
    report.applied.push(m.name)
  }
  return report
}

/** Tables whose retention follows configuration, with the column their TTL is measured on. */
const RETENTION: { table: string; column: string; setting: keyof Config['retention'] }[] = [
  { table: 'order_events', column: 'toDateTime(event_time)', setting: 'eventsDays' },
  { table: 'interface_calls', column: 'toDateTime(ts)', setting: 'eventsDays' },
  { table: 'job_runs', column: 'toDateTime(started_at)', setting: 'eventsDays' },
  { table: 'queue_samples', column: 'toDateTime(ts)', setting: 'eventsDays' },
  { table: 'customer_queries', column: 'toDateTime(ts)', setting: 'eventsDays' },
  { table: 'order_state', column: 'toDateTime(event_time)', setting: 'eventsDays' },
  { table: 'calls_per_minute', column: 'minute', setting: 'rollupsDays' },
]

/**
 * Brings each table's TTL to the configured number of days. DDL takes no
 * query parameters, so the day count (a schema-validated integer from
 * configuration, never request input) is checked again before it is written.
 */
export async function applyRetention(store: Store, retention: Config['retention']): Promise<string[]> {
  const tables = await store.query<{ name: string; engine_full: string }>(
    'SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN {names:Array(String)}',
    { names: RETENTION.map((r) => r.table) },
  )
  const changed: string[] = []
  for (const { table, column, setting } of RETENTION) {
    const days = retention[setting]
    if (!Number.isInteger(days) || days < 1) throw new Error(`retention.${setting} must be a positive integer`)
    const engine = tables.find((t) => t.name === table)?.engine_full ?? ''
    if (new RegExp(`toIntervalDay\\(${days}\\)`).test(engine)) continue
    await store.command(`ALTER TABLE ${table} MODIFY TTL ${column} + toIntervalDay(${days}) SETTINGS materialize_ttl_after_modify = 0`)
    changed.push(`${table}=${days}d`)
  }
  return changed
}
