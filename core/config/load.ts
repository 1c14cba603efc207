import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Value } from '@sinclair/typebox/value'
import { parseDocument } from 'yaml'
import { ConfigSchema, type Config } from './schema.ts'

const DEFAULT_STATE_MAPPING = path.join(path.dirname(fileURLToPath(import.meta.url)), 'state-mapping.default.yml')

export class ConfigError extends Error {}

export interface LoadOptions {
  /** YAML file; its values override the defaults. */
  file?: string
  /** Values that override file and environment (CLI flags, tests). */
  overrides?: DeepPartial<Config>
  env?: NodeJS.ProcessEnv
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] }

/** Defaults ← state-mapping defaults ← YAML file ← environment ← overrides, then validated as a whole. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env
  let raw: Record<string, unknown> = { stateMapping: readYaml(DEFAULT_STATE_MAPPING) }
  if (options.file) raw = merge(raw, readYaml(options.file))
  raw = merge(raw, fromEnv(env))
  if (options.overrides) raw = merge(raw, options.overrides as Record<string, unknown>)
  const withDefaults = Value.Default(ConfigSchema, raw)
  const errors = [...Value.Errors(ConfigSchema, withDefaults)]
  if (errors.length > 0) {
    const where = options.file ? ` in ${options.file}` : ''
    const detail = errors.slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`).join('; ')
    throw new ConfigError(`invalid configuration${where}: ${detail}`)
  }
  return withDefaults as Config
}

export function journalDir(config: Config): string {
  return config.journal.dir ?? path.join(config.dataDir, 'journal')
}

export function clickhouseDataDir(config: Config): string {
  return path.join(config.dataDir, 'clickhouse')
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (env.CLICKHOUSE_URL) {
    out.clickhouse = {
      url: env.CLICKHOUSE_URL,
      ...(env.CLICKHOUSE_USER ? { username: env.CLICKHOUSE_USER } : {}),
      ...(env.CLICKHOUSE_PASSWORD ? { password: env.CLICKHOUSE_PASSWORD } : {}),
      ...(env.CLICKHOUSE_DATABASE ? { database: env.CLICKHOUSE_DATABASE } : {}),
    }
  }
  if (env.ORDERLENS_DATA) out.dataDir = env.ORDERLENS_DATA
  if (env.ORDERLENS_PORT) out.server = { port: Number(env.ORDERLENS_PORT) }
  if (env.ORDERLENS_HOST) out.server = { ...(out.server as object), host: env.ORDERLENS_HOST }
  if (env.ORDERLENS_TOKENS) out.auth = { tokens: parseTokenList(env.ORDERLENS_TOKENS) }
  return out
}

/** `system:token,system:token` — handy for containers where a file is awkward. */
export function parseTokenList(list: string): { system: string; token: string }[] {
  return list
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(':')
      if (at <= 0) throw new ConfigError(`ORDERLENS_TOKENS: expected system:token, got "${pair.slice(0, 20)}…"`)
      return { system: pair.slice(0, at), token: pair.slice(at + 1) }
    })
}

function readYaml(file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ConfigError(`cannot read configuration file ${file}: ${(err as Error).message}`)
  }
  const doc = parseDocument(text)
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    const line = e.linePos?.[0]?.line
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: ${e.message}`)
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${file}: expected a mapping at the top level`)
  return value as Record<string, unknown>
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key]
    out[key] = isPlainObject(prev) && isPlainObject(value) ? merge(prev, value) : value
  }
  return out
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
