import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeKpis, runDetectionPass } from '../analyzer/index.ts'
import { detectAll } from '../analyzer/detectors/index.ts'
import type { Store } from '../core/store/index.ts'
import { checkDeadlines, getTicket, openTicketForFinding, recordVerdict } from '../alerts/tickets/index.ts'
import { storyFaults } from '../testkit/stories.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
const WHITELIST = storyFaults(FROM).find((f) => f.scenario === 'ip_whitelist')!

/** The IP-whitelist story simulated, found by its detector, and ticketed as the engine will do it. */
describe('a ticket from a real finding', () => {
  let store: Store

  beforeAll(async () => {
    ;({ store } = await simulateIntoStore(testConfig(), { seed: 41, from: FROM, to: WHITELIST.start + HOUR, ordersPerDay: 2000, faults: [WHITELIST] }))
  }, 120_000)
  afterAll(async () => store?.close())

  it('opens one ticket per finding with the owner, priority, deadline and evidence of its route; the verdict reaches the KPI', async () => {
    const pass = (at: number) =>
      runDetectionPass(store, { at, lookbackMs: 15 * MIN, graceMs: 30 * MIN, sources: [(ctx) => detectAll(ctx, ['ip_whitelist'])] })
    const at = WHITELIST.start + 10 * MIN
    const first = await pass(at)
    const finding = first.written.opened.find((f) => f.pattern === 'ip_whitelist')
    expect(finding, JSON.stringify(first.findings)).toBeDefined()
    const { ticket, created } = await openTicketForFinding(store, finding!, at)
    expect(created).toBe(true)
    expect(ticket).toMatchObject({
      team: 'integration', priority: 'P1', deadline: new Date(at + HOUR).toISOString(), finding_id: finding!.finding_id,
      scope: expect.objectContaining({ client_ip: '10.8.1.21' }), finding_at: finding!.first_seen,
    })
    expect((ticket.evidence.samples as unknown[]).length).toBeGreaterThan(0)

    // The next pass carries the same incident on: the engine hands it over again and gets the same ticket.
    const second = await pass(at + 5 * MIN)
    const carried = second.written.updated.find((f) => f.finding_id === finding!.finding_id)
    expect(carried).toBeDefined()
    expect(await openTicketForFinding(store, carried!, at + 5 * MIN)).toMatchObject({ created: false, ticket: { ticket_id: ticket.ticket_id } })

    // Nobody acted: reminded at 48 min, escalated past the hour.
    await checkDeadlines(store, at + 50 * MIN)
    await checkDeadlines(store, at + 61 * MIN)
    expect((await getTicket(store, ticket.ticket_id))!.events.map((e) => e.type)).toEqual(['created', 'reminded', 'escalated'])

    await recordVerdict(store, ticket.ticket_id, 'correct', 'the WMS IP was missing from the whitelist', 'lead', at + 2 * HOUR)
    const [kpi] = await computeKpis(store, { from: FROM + 24 * HOUR, to: FROM + 48 * HOUR, ids: ['attribution_accuracy'] })
    expect(kpi).toMatchObject({ id: 'attribution_accuracy', value: 1, n: 1 })
  })
})
