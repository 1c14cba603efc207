import { InvalidArgumentError, type Command } from 'commander'
import { ALL_DIMENSIONS, computeKpis, DEFAULT_CATALOGUE, runDetectionPass, traceOrder, withThresholds } from '../../analyzer/index.ts'
import { isoTime, withConfigFlags, withStore, type CommonFlags } from '../options.ts'

const DIMENSIONS: string[] = ALL_DIMENSIONS

/**
 * The analyzer from the command line: `detect`, `kpis` and `trace` print
 * JSON. They open the store themselves, so against the embedded engine they
 * run while the server is stopped (one process per data directory); against
 * CLICKHOUSE_URL, any time.
 */
export function registerAnalyze(program: Command): void {
  withConfigFlags(program.command('detect'))
    .description('run a detection pass (every failure-pattern detector, then the anomaly detection), store its findings and print them')
    .option('--at <time>', 'evaluate as of this ISO time (replay); default now', isoTime)
    .action((flags: CommonFlags & { at?: number }) =>
      withStore(flags, async (store, config) => {
        const at = flags.at ?? Date.now()
        const pass = await runDetectionPass(store, { at, lookbackMs: config.analyzer.lookbackMinutes * 60_000, graceMs: config.analyzer.endAfterQuietMinutes * 60_000 })
        const { written: _, ...printed } = pass
        return printed
      }),
    )

  withConfigFlags(program.command('kpis'))
    .description('the efficiency KPIs for a window, with status against their thresholds and the previous window')
    .requiredOption('--from <time>', 'window start, ISO time', isoTime)
    .requiredOption('--to <time>', 'window end, ISO time', isoTime)
    .option('--dimension <name>', `drill down by ${DIMENSIONS.join(', ')}`, (value: string) => {
      if (!DIMENSIONS.includes(value)) throw new InvalidArgumentError(`'${value}' is not a dimension; known: ${DIMENSIONS.join(', ')}`)
      return value
    })
    .action((flags: CommonFlags & { from: number; to: number; dimension?: string }) =>
      withStore(flags, async (store, config) => {
        if (!(flags.to > flags.from)) throw new InvalidArgumentError('--to must be after --from')
        return computeKpis(store, { from: flags.from, to: flags.to, dimension: flags.dimension as never }, withThresholds(DEFAULT_CATALOGUE, config.kpis))
      }),
    )

  withConfigFlags(program.command('trace <key>'))
    .description("an order's journey across systems by order id, channel order number or tracking number")
    .option('--tolerance <minutes>', 'how long systems may disagree before it is shown as a disagreement', positiveInt, 30)
    .action((key: string, flags: CommonFlags & { tolerance: number }) =>
      withStore(flags, async (store) => {
        const trace = await traceOrder(store, key, flags.tolerance * 60_000)
        if (!trace) throw new InvalidArgumentError(`no order has the id, channel order number or tracking number '${key}'`)
        return trace
      }),
    )
}

function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`'${value}' is not a whole number of minutes`)
  return n
}
