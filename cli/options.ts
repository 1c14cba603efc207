import { InvalidArgumentError, type Command } from 'commander'
import { migrate, openStore, type Store } from '../core/store/index.ts'
import { loadConfig, type Config } from '../core/config/index.ts'

export interface CommonFlags {
  config?: string
  data?: string
}

/** --config and --data, shared by every command that opens the store. */
export function withConfigFlags(command: Command): Command {
  return command
    .option('-c, --config <file>', 'YAML configuration file (see orderlens.example.yml)')
    .option('-d, --data <dir>', 'data directory for the embedded ClickHouse and the journal (default ./data)')
}

export function configFromFlags(flags: CommonFlags, overrides: Record<string, unknown> = {}): Config {
  return loadConfig({
    file: flags.config,
    overrides: { ...(flags.data ? { dataDir: flags.data } : {}), ...overrides },
  })
}

/** Opens (and migrates) the store, runs `work`, prints its answer as JSON, closes the store. */
export async function withStore(flags: CommonFlags, work: (store: Store, config: Config) => Promise<unknown>): Promise<void> {
  const config = configFromFlags(flags)
  const store = openStore(config)
  try {
    await migrate(store)
    console.log(JSON.stringify(await work(store, config), null, 2))
  } finally {
    await store.close()
  }
}

/** A commander argument parser for ISO times. */
export function isoTime(value: string): number {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`'${value}' is not an ISO time (e.g. 2026-11-11T00:00:00+08:00)`)
  return ms
}
