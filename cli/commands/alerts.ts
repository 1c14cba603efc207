import type { Command } from 'commander'
import { randomUUID } from 'node:crypto'
import { InvalidArgumentError } from 'commander'
import ms from 'ms'
import { alertEngine, listAlerts, listTickets, loadRuleDir, readSilences, SHIPPED_RULES, ticketActions, writeSilence } from '../../alerts/index.ts'
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

  const silences = program.command('silences').description('silences: alerts whose labels match are not notified until the silence ends')
  withConfigFlags(silences.command('list')).description('silences in force or to come').action((flags: CommonFlags) => withStore(flags, (store) => readSilences(store, Date.now())))
  withConfigFlags(silences.command('add'))
    .description('silence the alerts matching every --match for --for')
    .requiredOption('--match <name=value>', 'label matcher (repeatable); name=~regex for a regular expression', collectMatcher, [])
    .requiredOption('--for <duration>', 'how long, e.g. 30m, 2h', duration)
    .requiredOption('--comment <text>', 'why')
    .option('--by <name>', 'who silences', process.env.USER ?? 'cli')
    .action((flags: CommonFlags & { match: Matcher[]; for: number; comment: string; by: string }) =>
      withStore(flags, async (store) => {
        const now = Date.now()
        const silence = { id: randomUUID(), matchers: flags.match, startsAt: new Date(now).toISOString(), endsAt: new Date(now + flags.for).toISOString(), createdBy: flags.by, comment: flags.comment }
        await writeSilence(store, silence)
        return silence
      }),
    )
  withConfigFlags(silences.command('expire <id>')).description('end a silence now').action((id: string, flags: CommonFlags) =>
    withStore(flags, async (store) => {
      const silence = (await readSilences(store, Date.now(), true)).find((s) => s.id === id)
      if (!silence) throw new InvalidArgumentError(`no silence '${id}'`)
      const ended = { ...silence, endsAt: new Date(Math.min(Date.now(), Date.parse(silence.endsAt))).toISOString() }
      await writeSilence(store, ended)
      return ended
    }),
  )

  withConfigFlags(program.command('ticket <id> <action>'))
    .description('change a ticket: acknowledge, start, comment, resolve (--note and --evidence), close, reopen')
    .option('--note <text>', 'comment, or the resolution note')
    .option('--evidence <item>', 'evidence of the resolution (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--by <name>', 'who acts', process.env.USER ?? 'cli')
    .action((id: string, action: string, flags: CommonFlags & { note?: string; evidence: string[]; by: string }) =>
      withStore(flags, (store) => {
        const act = ticketActions[action as keyof typeof ticketActions]
        if (!act) throw new InvalidArgumentError(`unknown action '${action}'; known: ${Object.keys(ticketActions).join(', ')}`)
        return act(store, id, flags.by, Date.now(), { note: flags.note ?? '', evidence: flags.evidence })
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

interface Matcher {
  name: string
  value: string
  isRegex?: boolean
}

function collectMatcher(value: string, all: Matcher[]): Matcher[] {
  const m = /^([a-z_][a-z0-9_]*)(=~|=)(.*)$/.exec(value)
  if (!m) throw new InvalidArgumentError(`--match takes name=value or name=~regex, got '${value}'`)
  return [...all, { name: m[1]!, value: m[3]!, ...(m[2] === '=~' ? { isRegex: true } : {}) }]
}

function duration(value: string): number {
  const d = ms(value as ms.StringValue)
  if (typeof d !== 'number' || !(d > 0)) throw new InvalidArgumentError(`--for takes a duration like 30m or 2h, got '${value}'`)
  return d
}
