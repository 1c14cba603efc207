import { Command } from 'commander'
import { ConfigError } from '../core/config/index.ts'
import { FaultSpecError } from '../simulator/index.ts'
import { registerAlerts } from './commands/alerts.ts'
import { registerAnalyze } from './commands/analyze.ts'
import { registerAttribute } from './commands/attribute.ts'
import { registerBench } from './commands/bench.ts'
import { registerHashPassword } from './commands/hash-password.ts'
import { registerMigrate } from './commands/migrate.ts'
import { registerSimulate } from './commands/simulate.ts'
import { registerStart } from './commands/start.ts'

const program = new Command('orderlens')
  .description('Observability and anomaly attribution for e-commerce order pipelines')
  .showHelpAfterError()

registerStart(program)
registerMigrate(program)
registerSimulate(program)
registerAnalyze(program)
registerAttribute(program)
registerAlerts(program)
registerBench(program)
registerHashPassword(program)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof ConfigError || err instanceof FaultSpecError) {
    console.error(`orderlens: ${err.message}`)
    process.exit(2)
  }
  // Anything else: the message for people, the stack for whoever sets DEBUG.
  console.error(`orderlens: ${(err as Error).message}`)
  if (process.env.DEBUG) console.error(err)
  process.exit(1)
}
