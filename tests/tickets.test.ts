import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openStore, type Store } from '../core/store/index.ts'
import {
  acknowledgeTicket, checkDeadlines, closeTicket, commentTicket, createTicket, getTicket, getTicketView, loadPlaybooks, loadRouting, openTicketForFinding,
  listTickets, rebuildBoard, reassignTicket, reopenTicket, resolveTicket, routing, similarTickets, slaOfTicket, startTicket, TicketConfigError, type TicketableFinding,
} from '../alerts/tickets/index.ts'
import { testConfig } from './helpers/config.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const T0 = Date.parse('2026-03-02T08:00:00Z')

const finding = (id: string, pattern: string, scope: Record<string, string>, extra: Partial<TicketableFinding> = {}): TicketableFinding => ({
  finding_id: id, pattern, severity: 'critical', scope, summary: `${pattern} seen`, evidence: { rejected_calls: 212, client_ip: '10.0.3.7' }, fix: 'do the fix',
  first_seen: new Date(T0 - HOUR).toISOString(), ...extra,
})

/** A ticket taken from open to resolved, as people would. */
async function resolvedTicket(store: Store, f: TicketableFinding, at: number, note: string) {
  const { ticket } = await openTicketForFinding(store, f, at)
  await acknowledgeTicket(store, ticket.ticket_id, 'olga', at + MIN)
  await startTicket(store, ticket.ticket_id, 'olga', at + 2 * MIN)
  return resolveTicket(store, ticket.ticket_id, 'olga', at + 3 * MIN, { note, evidence: ['https://grafana/d/x'] })
}

describe('disposal tickets', () => {
  let store: Store

  beforeAll(async () => {
    store = openStore(testConfig())
    await migrate(store)
  }, 60_000)
  afterAll(async () => store?.close())

  it('routes a finding to its owning team, priority and deadline, once per finding', async () => {
    const f = finding('aaaa000000000001-k1', 'ip_whitelist', { warehouse: 'WH-EAST', client_ip: '10.0.3.7' })
    const first = await openTicketForFinding(store, f, T0)
    expect(first.created).toBe(true)
    expect(first.ticket).toMatchObject({
      status: 'open', team: 'integration', support_teams: ['sre'], priority: 'P1', pattern: 'ip_whitelist', finding_id: f.finding_id,
      deadline: new Date(T0 + HOUR).toISOString(), response_ms: HOUR, evidence: f.evidence, scope: f.scope, finding_at: f.first_seen,
    })
    const again = await openTicketForFinding(store, { ...f, summary: 'seen again' }, T0 + 5 * MIN)
    expect(again).toMatchObject({ created: false, ticket: { ticket_id: first.ticket.ticket_id, summary: first.ticket.summary } })
    // Two passes racing on one finding still make one ticket with one created event.
    const g = finding('aaaa000000000002-k1', 'stopped_job', { job: 'jd_import' })
    const raced = await Promise.all([openTicketForFinding(store, g, T0), openTicketForFinding(store, g, T0)])
    expect(raced.map((r) => r.created).sort()).toEqual([false, true])
    expect((await getTicket(store, raced[0].ticket.ticket_id))!.events).toHaveLength(1)
    expect(raced[0].ticket).toMatchObject({ team: 'sre', priority: 'P1', deadline: new Date(T0 + HOUR).toISOString() })
  })

  it("takes domain.md's response times for exception types, and a route for every pattern", async () => {
    const r = routing()
    const expected: [string, string, string[], number][] = [
      ['payment_failure', 'customer-service', ['tech'], 2 * HOUR],
      ['stock_shortage', 'warehouse', ['purchasing'], 4 * HOUR],
      ['address_problem', 'customer-service', [], HOUR],
      ['customer_cancellation', 'customer-service', [], 30 * MIN],
    ]
    for (const [exception, team, support, response] of expected) expect(r.routeFor(exception), exception).toMatchObject({ team, support, response_ms: response })
    expect(r.routeFor('anomaly_drop')).toMatchObject({ match: 'anomaly_*', team: 'sre' })
    expect(r.routeFor('something_new')).toMatchObject({ match: '*' })
    const { ticket } = await createTicket(store, { title: 'Buyer 13800 payment refused by bank', pattern: 'payment_failure' }, 'olga', T0)
    expect(ticket).toMatchObject({ team: 'customer-service', priority: 'P1', deadline: new Date(T0 + 2 * HOUR).toISOString(), finding_id: '' })
  })

  it('refuses a bad routing or playbook file, naming the file, line and field', () => {
    const bad = (text: string) => () => loadRouting('routing.yml', text)
    expect(bad('routes:\n  - match: { pattern: "*" }\n    team: sre\n    priority: P7\n    respond_within: 1h\n')).toThrow(/routing\.yml:4: \/routes\/0\/priority/)
    expect(bad('routes:\n  - match: { pattern: no_such }\n    team: sre\n    priority: P1\n    respond_within: 1h\n')).toThrow(/routing\.yml:2: \/routes\/0\/match\/pattern: unknown pattern 'no_such'/)
    expect(bad('routes:\n  - match: { pattern: throttling }\n    team: sre\n    priority: P1\n    respond_within: 1h\n')).toThrow(/catch-all/)
    expect(bad('routes:\n  - match: { pattern: "*" }\n    team: sre\n    priority: P1\n    respond_within: soon\n')).toThrow(TicketConfigError)
    expect(() => loadPlaybooks('playbooks.yml', "playbooks:\n  '*':\n    title: x\n    steps: []\n")).toThrow(/playbooks\.yml:4: \/playbooks\/\*\/steps/)
  })

  it('moves through the lifecycle, refusing illegal moves with the current state, and requires a resolution and evidence', async () => {
    const { ticket } = await openTicketForFinding(store, finding('bbbb000000000001-k1', 'throttling', { channel: 'taobao' }), T0)
    const id = ticket.ticket_id
    await expect(startTicket(store, id, 'olga', T0 + MIN)).rejects.toMatchObject({ statusCode: 409, message: expect.stringMatching(/it is open/) })
    await acknowledgeTicket(store, id, 'olga', T0 + MIN)
    await expect(closeTicket(store, id, 'olga', T0 + MIN)).rejects.toMatchObject({ statusCode: 409, message: expect.stringMatching(/it is acknowledged.*needs resolved/) })
    await startTicket(store, id, 'olga', T0 + 2 * MIN)
    await expect(resolveTicket(store, id, 'olga', T0 + 3 * MIN, { note: '  ', evidence: ['x'] })).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/note/) })
    await expect(resolveTicket(store, id, 'olga', T0 + 3 * MIN, { note: 'back-off on', evidence: [' '] })).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/evidence/) })
    await reassignTicket(store, id, 'lead', T0 + 4 * MIN, { owner: 'wang', priority: 'P1', note: 'wang knows the Taobao client' })
    await commentTicket(store, id, 'wang', T0 + 5 * MIN, 'retries every 3 ms')
    const resolved = await resolveTicket(store, id, 'wang', T0 + 6 * MIN, { note: 'exponential back-off with jitter', evidence: ['429 share 0.2% after'] })
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'exponential back-off with jitter', owner: 'wang', priority: 'P1' })
    await reopenTicket(store, id, 'olga', T0 + 2 * HOUR, 'came back')
    const reopened = (await getTicket(store, id))!.ticket
    expect(reopened).toMatchObject({ status: 'open', resolution: '', deadline: new Date(T0 + 4 * HOUR).toISOString() })
    await acknowledgeTicket(store, id, 'olga', T0 + 2 * HOUR)
    await startTicket(store, id, 'olga', T0 + 2 * HOUR)
    await resolveTicket(store, id, 'olga', T0 + 3 * HOUR, { note: 'spread the pull', evidence: ['pull schedule diff'] })
    await closeTicket(store, id, 'lead', T0 + 4 * HOUR)
    await expect(reopenTicket(store, id, 'olga', T0 + 5 * HOUR)).rejects.toMatchObject({ statusCode: 409, message: expect.stringMatching(/it is closed/) })
    await expect(commentTicket(store, id, 'olga', T0 + 5 * HOUR, 'late note')).resolves.toMatchObject({ status: 'closed' })

    const { events, ticket: now } = (await getTicket(store, id))!
    expect(events.map((e) => e.type)).toEqual([
      'created', 'acknowledged', 'started', 'reassigned', 'priority_changed', 'commented', 'resolved', 'reopened', 'acknowledged', 'started', 'resolved', 'closed', 'commented',
    ])
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    expect(events[3]).toMatchObject({ actor: 'lead', at: new Date(T0 + 4 * MIN).toISOString(), before: { owner: 'olga' }, after: { owner: 'wang' }, note: 'wang knows the Taobao client' })
    expect(events[4]).toMatchObject({ before: { priority: 'P2' }, after: { priority: 'P1' } })
    expect(events[7]).toMatchObject({ actor: 'olga', before: { status: 'resolved', resolution: 'exponential back-off with jitter' }, after: { status: 'open' } })
    expect(now.comments.map((c) => [c.actor, c.note])).toEqual([['wang', 'retries every 3 ms'], ['olga', 'late note']])
  })

  it('gives an unowned ticket to whoever acknowledges it, recording the empty owner before; an owned ticket keeps its owner', async () => {
    const { ticket: unowned } = await createTicket(store, { title: 'Parcel label unreadable', pattern: 'address_problem' }, 'orderlens', T0)
    expect(unowned.owner).toBe('')
    expect(await acknowledgeTicket(store, unowned.ticket_id, 'olga', T0 + MIN)).toMatchObject({ status: 'acknowledged', owner: 'olga' })
    const ack = (await getTicket(store, unowned.ticket_id))!.events[1]
    expect(ack).toMatchObject({ type: 'acknowledged', actor: 'olga', before: { status: 'open', owner: '' }, after: { status: 'acknowledged', owner: 'olga' } })
    const { ticket: owned } = await createTicket(store, { title: 'Refund stuck', pattern: 'payment_failure', owner: 'wang' }, 'orderlens', T0)
    expect(await acknowledgeTicket(store, owned.ticket_id, 'olga', T0 + MIN)).toMatchObject({ status: 'acknowledged', owner: 'wang' })
    expect((await getTicket(store, owned.ticket_id))!.events[1]!.after).toEqual({ status: 'acknowledged' })
  })

  it('reminds before the deadline and escalates after it, each once, with the SLA colour', async () => {
    const at = T0 + 10 * 24 * HOUR
    const { ticket } = await openTicketForFinding(store, finding('cccc000000000001-k1', 'stopped_job', { job: 'jd_import' }), at)
    const id = ticket.ticket_id
    const events = async () => (await getTicket(store, id))!.events.map((e) => e.type)
    expect(slaOfTicket(ticket, at + 10 * MIN)).toMatchObject({ colour: 'green', remaining_ms: 50 * MIN, overdue: false })
    expect(slaOfTicket(ticket, at + 40 * MIN)).toMatchObject({ colour: 'yellow', remaining_ms: 20 * MIN })
    expect((await checkDeadlines(store, at + 40 * MIN)).reminded).not.toContain(id)
    expect((await checkDeadlines(store, at + 50 * MIN)).reminded).toContain(id)
    expect((await checkDeadlines(store, at + 55 * MIN)).reminded).not.toContain(id)
    expect(await events()).toEqual(['created', 'reminded'])
    const late = await checkDeadlines(store, at + 61 * MIN)
    expect(late.escalated).toContain(id)
    expect(late.changed.find((t) => t.ticket_id === id)).toMatchObject({ priority: 'P0', escalated: true, team: 'sre' })
    expect((await checkDeadlines(store, at + 90 * MIN)).escalated).not.toContain(id)
    const { ticket: escalated, events: log } = (await getTicket(store, id))!
    expect(log.map((e) => e.type)).toEqual(['created', 'reminded', 'escalated'])
    expect(log[2]).toMatchObject({ actor: 'orderlens', before: { priority: 'P1', escalated: false }, after: { priority: 'P0', escalated: true } })
    expect(escalated).toMatchObject({ priority: 'P0', escalated: true })
    expect(slaOfTicket(escalated, at + 90 * MIN)).toMatchObject({ colour: 'red', overdue: true, remaining_ms: -30 * MIN })
    // A resolved ticket is left alone; its SLA clock stopped when it was resolved.
    await acknowledgeTicket(store, id, 'olga', at + 91 * MIN)
    await startTicket(store, id, 'olga', at + 92 * MIN)
    const done = await resolveTicket(store, id, 'olga', at + 100 * MIN, { note: 'fixed NTP, re-ran import', evidence: ['132 orders imported'] })
    expect(slaOfTicket(done, at + 10 * HOUR)).toMatchObject({ stopped: true, remaining_ms: -40 * MIN, colour: 'red' })
    await checkDeadlines(store, at + 20 * HOUR)
    expect(await events()).toHaveLength(6)
  })

  it('shows the playbook and the most similar past resolved tickets with their resolutions', async () => {
    const at = T0 + 20 * 24 * HOUR
    const sf = { carrier: 'sf', warehouse: 'WH-SOUTH' }
    await resolvedTicket(store, finding('dddd000000000001-k1', 'stalled_tracking', { carrier: 'sf' }), at, 'SF lost a trailer; claims opened')
    await resolvedTicket(store, finding('dddd000000000002-k1', 'stalled_tracking', { carrier: 'zto' }), at + HOUR, 'ZTO scanner outage')
    await resolvedTicket(store, finding('dddd000000000003-k1', 'status_desync', { warehouse: 'WH-SOUTH' }), at + 2 * HOUR, 'replayed WMS callbacks')
    await resolvedTicket(store, finding('dddd000000000004-k1', 'encoding', { channel: 'douyin' }), at + 3 * HOUR, 'utf8mb4')
    await openTicketForFinding(store, finding('dddd000000000005-k1', 'stalled_tracking', { carrier: 'sf', warehouse: 'WH-NORTH' }), at)
    const { ticket } = await openTicketForFinding(store, finding('dddd000000000006-k1', 'stalled_tracking', sf), at + 4 * HOUR)
    const similar = await similarTickets(store, ticket)
    expect(similar.map((s) => [s.resolution, s.same_pattern, s.shared_scope])).toEqual([
      ['SF lost a trailer; claims opened', true, ['carrier=sf']],
      ['ZTO scanner outage', true, []],
      ['replayed WMS callbacks', false, ['warehouse=WH-SOUTH']],
    ])
    const view = (await getTicketView(store, ticket.ticket_id, at + 4 * HOUR))!
    expect(view.playbook).toMatchObject({ key: 'stalled_tracking', steps: expect.arrayContaining([expect.stringMatching(/36 h/)]) })
    expect(view.similar).toHaveLength(3)
    expect(view.sla).toMatchObject({ colour: 'green' })
  })

  it('keeps the event log as the source of truth: the board is rebuilt from it alone', async () => {
    const list = () => listTickets(store, { now: T0, limit: 1000 })
    const before = await list()
    expect(before.length).toBeGreaterThan(10)
    await store.command('TRUNCATE TABLE ticket_board')
    expect(await list()).toEqual([])
    expect(await rebuildBoard(store)).toBe(before.length)
    expect(await list()).toEqual(before)
  })
})
