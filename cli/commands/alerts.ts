import type { Command } from 'commander'
import { alertEngine, listAlerts, listTickets, loadRuleDir, SHIPPED_RULES } from '../../alerts/index.ts'
import { configFromFlags, isoTime, withConfigFlags, withStore, type CommonFlags } from '../options.ts'

const quietLog = { info: () => undefined, error: () => undefined }

/**
 * Alerts and tickets from the command line. Like `detect`, they open the
 * store themselves: on the embedded engine, while the server is stopped.
 */
export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('alert rules, alerts and their evaluation')

  withConfigFlags(alerts.command('check-rules'))
    .description('check the alert rule files (exit 2 with every error, naming file, line and field)')
    .option('--dir <dir>', 'rules folder (default: alerts.rulesDir, or the shipped rules)')
    .action((flags: CommonFlags & { dir?: string }) => {
      const dir = flags.dir ?? configFromFlags(flags).alerts.rulesDir ?? SHIPPED_RULES
      const { rules, errors } = loadRuleDir(dir)
      if (errors.length) {
        for (const e of errors) console.error(e.message)
        process.exit(2)
      }
      const kinds = new Map<string, number>()
      for (const r of rules) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1)
      console.log(`${rules.length} rules in ${dir}: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}`)
    })

  withConfigFlags(alerts.command('list'))
    .description('alerts firing and pending (or those of --status)')
    .option('--status <list>', 'comma-separated: pending, firing, resolved', 'firing,pending')
    .action((flags: CommonFlags & { status: string }) =>
      withStore(flags, (store) => listAlerts(store, { status: flags.status.split(',') as never, limit: 500 })),
    )

  withConfigFlags(alerts.command('evaluate'))
    .description('evaluate every alert rule once (as of --at to replay), send what is due, run the tickets SLA sweep')
    .option('--at <time>', 'ISO time; default now', isoTime)
    .action((flags: CommonFlags & { at?: number }) =>
      withStore(flags, async (store, config) => {
        const { rules, evaluate } = alertEngine(config, store, quietLog)
        try {
          return await evaluate(flags.at ?? Date.now())
        } finally {
          rules.close()
        }
      }),
    )

  withConfigFlags(program.command('tickets'))
    .description('disposal tickets, soonest deadline first')
    .option('--team <team>', 'only this team')
    .option('--status <list>', 'comma-separated: open, acknowledged, in_progress, resolved, closed', 'open,acknowledged,in_progress')
    .option('--overdue', 'only tickets past their deadline')
    .action((flags: CommonFlags & { team?: string; status: string; overdue?: boolean }) =>
      withStore(flags, (store) => listTickets(store, { status: flags.status.split(',') as never, ...(flags.team ? { team: [flags.team] } : {}), overdue: flags.overdue ?? false, now: Date.now(), limit: 500 })),
    )
}
