import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { Config } from '../../core/config/index.ts'
import { hashPassword } from '../../core/access/index.ts'
import { buildApp } from '../../server/app.ts'
import { configFromFlags, withConfigFlags, type CommonFlags } from '../options.ts'

interface StartFlags extends CommonFlags {
  port?: string
  host?: string
  demo?: boolean
}

export function registerStart(program: Command): void {
  withConfigFlags(program.command('start').description('run the all-in-one server (collector and API on one port; embedded ClickHouse unless CLICKHOUSE_URL is set)'))
    .option('-p, --port <port>', 'port to listen on (default 8600)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--demo', 'feed the server with a live simulated company in which a failure story starts every few minutes')
    .action(async (flags: StartFlags) => {
      const server: Record<string, unknown> = {}
      if (flags.port !== undefined) server.port = Number(flags.port)
      if (flags.host !== undefined) server.host = flags.host
      const config = configFromFlags(flags, Object.keys(server).length ? { server } : {})
      ensureToken(config)
      await ensureAdmin(config)
      await start(config, flags.demo ?? false)
    })
}

async function start(config: Config, demo: boolean): Promise<void> {
  const app = await buildApp({ config, demo, logger: { level: process.env.LOG_LEVEL ?? 'info' } })
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: flushing the journal into ClickHouse')
    await app.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  const address = await app.listen({ port: config.server.port, host: config.server.host })
  app.log.info({ address, clickhouse: config.clickhouse.url ? 'server' : `embedded (${config.dataDir})` }, 'OrderLens is up')
  // A line for scripts and tests that wait for readiness.
  console.log(`orderlens listening on ${address}`)
}

/**
 * A fresh install has no tokens configured; rather than leave ingest open,
 * create one for the source system "local", keep it in the data directory
 * and say where it is.
 */
function ensureToken(config: Config): void {
  if (config.auth.tokens.length > 0) return
  const file = path.join(config.dataDir, 'ingest-token')
  mkdirSync(config.dataDir, { recursive: true })
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex') + '\n', { mode: 0o600 })
  const token = readFileSync(file, 'utf8').trim()
  config.auth.tokens.push({ system: 'local', token })
  console.log(`no ingest tokens configured: using the token for source system "local" stored in ${file}`)
}

/**
 * Likewise with no users configured: an administrator "admin" whose
 * password is kept in the data directory (readable by its owner only), so
 * the console can be opened at once; configure real users for production.
 */
async function ensureAdmin(config: Config): Promise<void> {
  if (config.access.users.length > 0) return
  const file = path.join(config.dataDir, 'admin-password')
  mkdirSync(config.dataDir, { recursive: true })
  if (!existsSync(file)) writeFileSync(file, randomBytes(12).toString('base64url') + '\n', { mode: 0o600 })
  const password = readFileSync(file, 'utf8').trim()
  config.access.users.push({ name: 'admin', role: 'admin', password_hash: await hashPassword(password) })
  console.log(`no users configured: log in as "admin" with the password stored in ${file}`)
}
