import type { Command } from 'commander'
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
