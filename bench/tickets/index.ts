import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore, type Store } from '../../core/store/index.ts'
import { acknowledgeTicket, checkDeadlines, getTicketView, listTickets, openTicketForFinding, resolveTicket, startTicket } from '../../alerts/tickets/index.ts'
import type { BenchFlags } from '../registry.ts'

const MIN = 60_000
const HOUR = 60 * MIN
/** What an on-call console needs to feel instant, and a sweep to fit well inside a one-minute schedule. */
const TARGETS = { changeMs: 50, viewMs: 200, listMs: 200, sweepPerTicketMs: 50 }
const PATTERNS = ['ip_whitelist', 'encoding', 'throttling', 'stopped_job', 'queue_backlog', 'status_desync', 'stalled_tracking', 'traffic_surge']
const CHANNELS = ['taobao', 'jd', 'pdd', 'douyin', 'kuaishou']

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const out = await work()
  return [out, performance.now() - started]
}

/**
 * Disposal tickets on the embedded store: opening a ticket from a finding,
 * a lifecycle change, the SLA sweep over every open ticket, the list and one
 * ticket's view (events, SLA, playbook, similar among the resolved).
 * `--events N`: the number of tickets (default 1000).
 */
export async function ticketsBench(flags: BenchFlags): Promise<void> {
  const n = flags.events ?? 1000
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orderlens-bench-tickets-'))
  const store: Store = openStore(loadConfig({ env: {}, overrides: { dataDir } }))
  const log = (line: string) => !flags.json && console.log(line)
  try {
    await migrate(store)
    const t0 = Date.parse('2026-03-02T00:00:00Z')
    const openMs: number[] = []
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const pattern = PATTERNS[i % PATTERNS.length]!
      const finding = { finding_id: `${i.toString(16).padStart(16, '0')}-bench`, pattern, severity: 'warning' as const, scope: { channel: CHANNELS[i % CHANNELS.length]! }, summary: `${pattern} #${i}`, evidence: { i }, fix: 'fix it' }
      const [{ ticket }, ms] = await timed(() => openTicketForFinding(store, finding, t0 + i * 1000))
      openMs.push(ms)
      ids.push(ticket.ticket_id)
    }
    // A third of them worked through to resolved: three changes each.
    const changeMs: number[] = []
    for (const id of ids.filter((_, i) => i % 3 === 0)) {
      changeMs.push((await timed(() => acknowledgeTicket(store, id, 'bench', t0 + HOUR)))[1])
      changeMs.push((await timed(() => startTicket(store, id, 'bench', t0 + HOUR)))[1])
      changeMs.push((await timed(() => resolveTicket(store, id, 'bench', t0 + HOUR, { note: `resolved ${id}`, evidence: ['bench'] })))[1])
    }
    const open = n - Math.ceil(n / 3)
    // Past every deadline: each open ticket owes an escalation; the second sweep owes nothing.
    const [first, sweepMs] = await timed(() => checkDeadlines(store, t0 + 3 * 24 * HOUR))
    const [second, idleSweepMs] = await timed(() => checkDeadlines(store, t0 + 3 * 24 * HOUR + MIN))
    const [listed, listMs] = await timed(() => listTickets(store, { overdue: true, team: ['integration'], now: t0 + 3 * 24 * HOUR, limit: 1000 }))
    const viewMs: number[] = []
    for (const id of ids.slice(-20)) viewMs.push((await timed(() => getTicketView(store, id, t0 + 3 * 24 * HOUR)))[1])
    const out = {
      tickets: n,
      openFromFindingMs: { median: Math.round(median(openMs)), p95: Math.round(p95(openMs)) },
      changeMs: { median: Math.round(median(changeMs)), p95: Math.round(p95(changeMs)), ratioToTarget: Number((median(changeMs) / TARGETS.changeMs).toFixed(2)) },
      sweep: {
        openTickets: open, escalated: first.escalated.length, ms: Math.round(sweepMs), perTicketMs: Number((sweepMs / Math.max(1, first.escalated.length)).toFixed(1)),
        ratioToTarget: Number((sweepMs / Math.max(1, first.escalated.length) / TARGETS.sweepPerTicketMs).toFixed(2)),
        idleMs: Math.round(idleSweepMs), idleChanges: second.escalated.length + second.reminded.length,
      },
      listOverdueByTeam: { rows: listed.length, ms: Math.round(listMs), ratioToTarget: Number((listMs / TARGETS.listMs).toFixed(2)) },
      viewMs: { median: Math.round(median(viewMs)), p95: Math.round(p95(viewMs)), ratioToTarget: Number((median(viewMs) / TARGETS.viewMs).toFixed(2)) },
      targets: TARGETS,
    }
    if (flags.json) console.log(JSON.stringify(out))
    else {
      log(`tickets benchmark: ${n} tickets from findings on embedded ClickHouse`)
      log(`  open from finding: median ${out.openFromFindingMs.median} ms, p95 ${out.openFromFindingMs.p95} ms`)
      log(`  lifecycle change:  median ${out.changeMs.median} ms, p95 ${out.changeMs.p95} ms (×${out.changeMs.ratioToTarget} of ${TARGETS.changeMs} ms target)`)
      log(`  SLA sweep:         ${out.sweep.escalated}/${open} escalated in ${out.sweep.ms} ms (${out.sweep.perTicketMs} ms/ticket, ×${out.sweep.ratioToTarget} of target); idle sweep ${out.sweep.idleMs} ms, ${out.sweep.idleChanges} changes`)
      log(`  list overdue/team: ${out.listOverdueByTeam.rows} rows in ${out.listOverdueByTeam.ms} ms (×${out.listOverdueByTeam.ratioToTarget} of target)`)
      log(`  ticket view:       median ${out.viewMs.median} ms, p95 ${out.viewMs.p95} ms (×${out.viewMs.ratioToTarget} of target)`)
    }
  } finally {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
