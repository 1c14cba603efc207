import type { Command } from 'commander'
import { applyRetention, migrate, openStore } from '../../core/store/index.ts'
import { configFromFlags, withConfigFlags, type CommonFlags } from '../options.ts'

export function registerMigrate(program: Command): void {
  withConfigFlags(program.command('migrate').description('apply pending ClickHouse migrations and the configured retention')).action(async (flags: CommonFlags) => {
    const config = configFromFlags(flags)
    const store = openStore(config)
    try {
      const report = await migrate(store)
      const retention = await applyRetention(store, config.retention)
      console.log(JSON.stringify({ ...report, retention }, null, 2))
    } finally {
      await store.close()
    }
  })
}
