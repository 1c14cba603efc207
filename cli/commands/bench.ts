import type { Command } from 'commander'
import { runBench, BENCHMARKS } from '../../bench/registry.ts'

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(`run a benchmark and print its figures (${Object.keys(BENCHMARKS).join(', ')})`)
    .argument('<name>', 'benchmark name')
    .option('--json', 'print the result as JSON')
    .option('--events <n>', 'events to send', (v) => Number(v))
    .option('--connections <n>', 'concurrent HTTP connections', (v) => Number(v))
    .option('--batch <n>', 'events per request', (v) => Number(v))
    .action(async (name: string, flags: { json?: boolean; events?: number; connections?: number; batch?: number }) => {
      await runBench(name, flags)
    })
}
