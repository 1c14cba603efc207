// The load process of the ingest benchmark: reads pre-built NDJSON, cuts it
// into batches and POSTs them over several keep-alive connections; prints
// one JSON line with what it measured. Run as its own process so the
// collector's CPU and memory are measured alone.
import { readFileSync } from 'node:fs'
import http from 'node:http'

interface LoadArgs {
  url: string
  token: string
  file: string
  connections: number
  batch: number
}

const args = JSON.parse(process.argv[2]!) as LoadArgs
const lines = readFileSync(args.file, 'utf8').split('\n').filter(Boolean)
const bodies: Buffer[] = []
for (let i = 0; i < lines.length; i += args.batch) bodies.push(Buffer.from(lines.slice(i, i + args.batch).join('\n') + '\n'))

const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections })
const target = new URL('/api/v1/ingest/calls', args.url)

function post(body: Buffer): Promise<{ status: number; accepted: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      { method: 'POST', agent, headers: { authorization: `Bearer ${args.token}`, 'content-type': 'application/x-ndjson', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString()) as { accepted?: number }
          resolve({ status: res.statusCode ?? 0, accepted: parsed.accepted ?? 0 })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const latenciesMs: number[] = []
let next = 0
let accepted = 0
let refused = 0
const startedAtEpochMs = Date.now()
const started = performance.now()
await Promise.all(
  Array.from({ length: args.connections }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!
      for (;;) {
        const t = performance.now()
        const res = await post(body)
        if (res.status === 503) {
          refused += 1
          await new Promise((r) => setTimeout(r, 50))
          continue
        }
        latenciesMs.push(performance.now() - t)
        accepted += res.accepted
        break
      }
    }
  }),
)
const elapsedMs = performance.now() - started
latenciesMs.sort((a, b) => a - b)
const pct = (p: number) => latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(p * latenciesMs.length))] ?? 0
console.log(JSON.stringify({ startedAtEpochMs, accepted, requests: latenciesMs.length, refused, elapsedMs, p50Ms: pct(0.5), p99Ms: pct(0.99) }))
agent.destroy()
