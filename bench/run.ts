// `npm run bench -- <name> [flags]`: the same benchmarks as `orderlens bench`.
import { runBench } from './registry.ts'

const [name = 'ingest', ...rest] = process.argv.slice(2)
const flag = (n: string) => {
  const i = rest.indexOf(`--${n}`)
  return i >= 0 ? Number(rest[i + 1]) : undefined
}
await runBench(name, { json: rest.includes('--json'), events: flag('events'), connections: flag('connections'), batch: flag('batch') })
