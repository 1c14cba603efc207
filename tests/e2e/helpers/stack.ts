import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import bcrypt from 'bcryptjs'
import { build } from 'vite'
import { stringify } from 'yaml'
import { spawnServer, type ServerProcess } from '../../../testkit/server-process.ts'
import { ROLES } from './context.ts'

const REPO = path.join(import.meta.dirname, '..', '..', '..')
const HOUR = 3_600_000
const run = promisify(execFile)

/** The console built into a private folder: other people rebuilding console/dist cannot pull assets from under the browser. */
export async function buildConsole(outDir: string): Promise<void> {
  // vitest sets NODE_ENV=test, which would bundle Vue's development build; test what `npm start` ships.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: path.join(REPO, 'console', 'vite.config.ts'), build: { outDir, emptyOutDir: true }, logLevel: 'error' })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}

export interface SimulatedSpan {
  from: string
  to: string
  faultOrderIds: string[]
}

/**
 * Thirteen hours of a simulated company up to now, through the `orderlens
 * simulate` command (its own process: one process per chDB folder), so a
 * six-hour view has a full previous period to compare with. In the last two
 * hours oms refuses /callback/shipment from 10.8.1.21 (IP whitelist), in the
 * last forty minutes jd_api throttles, both still going on: findings, alerts, tickets and a KPI drop
 * for the attribution follow.
 */
export async function simulateHistory(dataDir: string): Promise<SimulatedSpan> {
  const to = Math.floor(Date.now() / 60_000) * 60_000
  const from = to - 13 * HOUR
  const args = [
    path.join(REPO, 'bin', 'orderlens.mjs'), 'simulate', '--data', dataDir, '--seed', '6',
    '--from', new Date(from).toISOString(), '--to', new Date(to).toISOString(), '--orders-per-day', '8000',
    '--fault', 'ip_whitelist:start=+11h,duration=3h,client_ip=10.8.1.21,endpoint=/callback/shipment',
    '--fault', 'throttling:start=+740m,duration=1h,target_system=jd_api',
  ]
  await run(process.execPath, args, { cwd: REPO, maxBuffer: 16 * 1024 * 1024 })
  const truth = JSON.parse(readFileSync(path.join(dataDir, 'ground-truth.json'), 'utf8')) as { faults: { label: string; affected_orders: string[] }[] }
  const whitelist = truth.faults.find((f) => f.label.startsWith('ip_whitelist'))
  if (!whitelist?.affected_orders.length) throw new Error('the simulated IP-whitelist fault hit no order')
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), faultOrderIds: whitelist.affected_orders.slice(0, 50) }
}

/** A configuration with one user per role (named after it), and the schedules off: the set-up runs one pass itself. */
export function writeConfig(dir: string, dataDir: string, password: string): string {
  // Cost 4: the hash format is what production uses, without a second of CPU per log-in on a busy machine.
  const hash = bcrypt.hashSync(password, 4)
  const config = {
    dataDir,
    auth: { tokens: [{ system: 'wms', token: 'wms-e2e-token-0123456789' }] },
    access: { users: ROLES.map((role) => ({ name: role, role, password_hash: hash, display_name: `E2E ${role}` })) },
    analyzer: { detectSchedule: '' },
    alerts: { evaluateSchedule: '' },
  }
  const file = path.join(dir, 'orderlens.yml')
  writeFileSync(file, stringify(config))
  return file
}

async function call(baseUrl: string, token: string, method: string, route: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}${route}`, { method, headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`)
  return res.json()
}

export async function apiToken(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (!res.ok) throw new Error(`log-in of ${username}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** One detection pass and one alert evaluation, as the schedules would run them: findings, firing alerts and their tickets. */
export async function detectAndAlert(baseUrl: string, adminToken: string): Promise<void> {
  await call(baseUrl, adminToken, 'POST', '/api/v1/findings/run')
  await call(baseUrl, adminToken, 'POST', '/api/v1/alerts/evaluate')
  const { tickets } = (await call(baseUrl, adminToken, 'GET', '/api/v1/tickets')) as { tickets: unknown[] }
  if (!tickets.length) throw new Error('the injected faults opened no ticket')
}

export interface Stack {
  server: ServerProcess
  span: SimulatedSpan
  dir: string
}

/** Build, simulate, start the all-in-one server on the private build, and run the analyzer and alerts once. */
export async function startStack(password: string): Promise<Stack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-e2e-'))
  const dataDir = path.join(dir, 'data')
  const dist = path.join(dir, 'console')
  const [, span] = await Promise.all([buildConsole(dist), simulateHistory(dataDir)])
  const server = await spawnServer({ dataDir, configFile: writeConfig(dir, dataDir, password), env: { ORDERLENS_CONSOLE_DIST: dist } })
  try {
    await detectAndAlert(server.url, await apiToken(server.url, 'admin', password))
  } catch (e) {
    await server.kill()
    throw e
  }
  return { server, span, dir }
}
