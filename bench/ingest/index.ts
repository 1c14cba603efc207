import { spawn } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { mkdtempSync } from 'node:fs'
import { EVENT_KINDS, encodeRow, type CallEvent, type StorageRow } from '../../core/contracts/index.ts'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore } from '../../core/store/index.ts'
import { peakRssBytes } from '../../testkit/peak-rss.ts'
import { spawnServer } from '../../testkit/server-process.ts'
import type { BenchFlags } from '../registry.ts'
import { benchCallEvents } from './events.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const TOKEN = 'bench-token-0123456789abcdef'

export interface IngestBenchResult {
  events: number
  connections: number
  batch: number
  ceiling: { eventsPerSecond: number; seconds: number; chunkRows: number }
  collector: {
    ackEventsPerSecond: number
    storedEventsPerSecond: number
    ackSeconds: number
    storedSeconds: number
    p50AckMs: number
    p99AckMs: number
    peakRssMiB: number
    refused503: number
  }
  ratios: { ackToCeiling: number; storedToCeiling: number }
  targets: { ackAtLeast50k: boolean; ratioAtLeast06: boolean; rssUnder1GiB: boolean }
}

export async function ingestBench(flags: BenchFlags): Promise<void> {
  const events = flags.events ?? 400_000
  const connections = flags.connections ?? 8
  const batch = flags.batch ?? 1000
  const work = mkdtempSync(path.join(tmpdir(), 'orderlens-bench-'))
  try {
    const built = benchCallEvents(events)
    const ceiling = await measureCeiling(built, work)
    const collector = await measureCollector(built, work, connections, batch)
    const result: IngestBenchResult = {
      events,
      connections,
      batch,
      ceiling,
      collector,
      ratios: {
        ackToCeiling: round(collector.ackEventsPerSecond / ceiling.eventsPerSecond, 3),
        storedToCeiling: round(collector.storedEventsPerSecond / ceiling.eventsPerSecond, 3),
      },
      targets: {
        ackAtLeast50k: collector.ackEventsPerSecond >= 50_000,
        ratioAtLeast06: collector.storedEventsPerSecond / ceiling.eventsPerSecond >= 0.6,
        rssUnder1GiB: collector.peakRssMiB < 1024,
      },
    }
    print(result, flags.json ?? false)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** (a) The ceiling: the same rows, already converted, inserted straight through the store in segment-sized chunks. */
async function measureCeiling(events: CallEvent[], work: string): Promise<IngestBenchResult['ceiling']> {
  const config = loadConfig({ env: {}, overrides: { dataDir: path.join(work, 'ceiling') } })
  const chunkRows = config.journal.segmentMaxRows
  const ctx = { stateMapping: {}, latestAcceptedMs: Date.now() + 60_000, source: 'bench', ingestedAtMs: Date.now() }
  const chunks: string[] = []
  for (let i = 0; i < events.length; i += chunkRows) {
    chunks.push(
      events
        .slice(i, i + chunkRows)
        .map((e) => {
          const r = EVENT_KINDS.calls.toRow(e as never, ctx)
          if (!r.ok) throw new Error(r.reason)
          return encodeRow(EVENT_KINDS.calls, r.row as StorageRow)
        })
        .join('\n') + '\n',
    )
  }
  const store = openStore(config)
  try {
    await migrate(store)
    const started = performance.now()
    for (const [i, chunk] of chunks.entries()) await store.insertRows('interface_calls', EVENT_KINDS.calls.columns, chunk, `ceiling-${i}`)
    const seconds = (performance.now() - started) / 1000
    return { eventsPerSecond: Math.round(events.length / seconds), seconds: round(seconds, 3), chunkRows }
  } finally {
    await store.close()
  }
}

/** (b) The same events through the collector's HTTP endpoint, from a separate load process on loopback. */
async function measureCollector(events: CallEvent[], work: string, connections: number, batch: number): Promise<IngestBenchResult['collector']> {
  const file = path.join(work, 'events.ndjson')
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
  // The collector is measured: the analyzer's and the alerts' minute schedules (measured by their own benchmarks) are off.
  const configFile = path.join(work, 'collector-only.yml')
  writeFileSync(configFile, "analyzer: { detectSchedule: '' }\nalerts: { evaluateSchedule: '' }\n")
  const server = await spawnServer({ dataDir: path.join(work, 'collector'), configFile, env: { ORDERLENS_TOKENS: `bench:${TOKEN}` } })
  try {
    const load = await runLoad({ url: server.url, token: TOKEN, file, connections, batch })
    await waitUntilStored(server.url, load.accepted)
    // Both clocks start when the load process sent its first request (not when it was spawned).
    const storedSeconds = (Date.now() - load.startedAtEpochMs) / 1000
    const ackSeconds = load.elapsedMs / 1000
    const peakRssMiB = Math.round(peakRssBytes(server.child.pid!) / 1024 / 1024)
    if (load.accepted !== events.length) throw new Error(`collector accepted ${load.accepted} of ${events.length} events`)
    return {
      ackEventsPerSecond: Math.round(events.length / ackSeconds),
      storedEventsPerSecond: Math.round(events.length / storedSeconds),
      ackSeconds: round(ackSeconds, 3),
      storedSeconds: round(storedSeconds, 3),
      p50AckMs: round(load.p50Ms, 1),
      p99AckMs: round(load.p99Ms, 1),
      peakRssMiB,
      refused503: load.refused,
    }
  } finally {
    await server.stop()
  }
}

interface LoadResult {
  startedAtEpochMs: number
  accepted: number
  refused: number
  elapsedMs: number
  p50Ms: number
  p99Ms: number
}

function runLoad(args: { url: string; token: string; file: string; connections: number; batch: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load.ts'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult) : reject(new Error(`load process exited ${code}`))))
  })
}

/** Polls the collector's own metric of rows ClickHouse confirmed. */
async function waitUntilStored(url: string, expected: number): Promise<void> {
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text()
    const line = text.split('\n').find((l) => l.startsWith('orderlens_clickhouse_inserted_rows_total{table="interface_calls"}'))
    if (line && Number(line.split(' ').pop()) >= expected) return
    await new Promise((r) => setTimeout(r, 20))
  }
}

function print(r: IngestBenchResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(r, null, 2))
    return
  }
  const c = r.collector
  console.log(`ingest benchmark: ${r.events} interface-call events, ${r.connections} connections, batches of ${r.batch}`)
  console.log(`  (a) ceiling, store insert direct : ${r.ceiling.eventsPerSecond.toLocaleString()} events/s (${r.ceiling.seconds}s, chunks of ${r.ceiling.chunkRows})`)
  console.log(`  (b) collector, acknowledged      : ${c.ackEventsPerSecond.toLocaleString()} events/s  ratio ${r.ratios.ackToCeiling}`)
  console.log(`      collector, stored in ClickHouse: ${c.storedEventsPerSecond.toLocaleString()} events/s  ratio ${r.ratios.storedToCeiling}`)
  console.log(`      ack latency p50 ${c.p50AckMs} ms, p99 ${c.p99AckMs} ms; peak RSS ${c.peakRssMiB} MiB; 503 answers ${c.refused503}`)
  console.log(`  targets: >=50k events/s ${mark(r.targets.ackAtLeast50k)}  >=0.6 of ceiling ${mark(r.targets.ratioAtLeast06)}  RSS < 1 GiB ${mark(r.targets.rssUnder1GiB)}`)
}

const mark = (ok: boolean) => (ok ? 'met' : 'NOT MET')
const round = (n: number, digits: number) => Number(n.toFixed(digits))
