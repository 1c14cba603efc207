import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openStore, type Store } from '../core/store/index.ts'
import { getFinding, type StoredFinding } from '../analyzer/index.ts'
import { writeFindings } from '../analyzer/findings/store.ts'
import {
  acknowledgeTicket, getTicket, getTicketView, listTickets, openTicketForFinding, rebuildBoard, resolveTicket, startTicket, type TicketFields,
} from '../alerts/tickets/index.ts'
import { appendEvent } from '../alerts/tickets/event-store.ts'
import { testConfig } from './helpers/config.ts'

const MIN = 60_000
const T0 = Date.parse('2026-03-02T08:00:00Z')

const finding = (id: string, over: Partial<StoredFinding> = {}): StoredFinding => ({
  finding_id: id, fingerprint: id.split('-')[0]!, pattern: 'ip_whitelist', severity: 'critical', status: 'active',
  scope: { target_system: 'oms', client_ip: '10.8.1.21' }, first_seen: new Date(T0 - 30 * MIN).toISOString(), last_seen: new Date(T0).toISOString(),
  detected_at: new Date(T0 - 25 * MIN).toISOString(), evaluated_at: new Date(T0).toISOString(), ended_at: null, passes: 3,
  summary: 'oms refuses /callback/shipment from 10.8.1.21: 211 of 221 calls refused', evidence: { rejected_calls: 211 }, fix: 'Add 10.8.1.21 to the oms whitelist', version: 1,
  summary_zh: 'oms 拒绝来自 10.8.1.21 的 /callback/shipment：221 次调用中 211 次被拒', fix_zh: '把 10.8.1.21 加入 oms 白名单',
  ...over,
})

describe('tickets in Chinese', () => {
  let store: Store
  const all = () => listTickets(store, { now: T0, limit: 100 })

  beforeAll(async () => {
    store = openStore(testConfig())
    await migrate(store)
  }, 60_000)
  afterAll(async () => store?.close())

  it("a ticket opened from a stored bilingual finding carries both summaries and fixes, in its view and on the board, through changes and a rebuild", async () => {
    const f = finding('a1a1000000000001-k1')
    await writeFindings(store, [f])
    // The path the alert engine takes: the finding as the store gives it back.
    const stored = await getFinding(store, f.finding_id)
    const { ticket } = await openTicketForFinding(store, stored!, T0)
    const texts = { summary: f.summary, fix: f.fix, summary_zh: f.summary_zh, fix_zh: f.fix_zh }
    expect(ticket).toMatchObject(texts)
    expect(ticket.title).toBe(`ip_whitelist (target_system=oms, client_ip=10.8.1.21): ${f.summary}`)
    await acknowledgeTicket(store, ticket.ticket_id, 'olga', T0 + MIN)
    expect((await getTicketView(store, ticket.ticket_id, T0 + MIN))!.ticket).toMatchObject({ ...texts, status: 'acknowledged' })
    expect((await all()).find((t) => t.ticket_id === ticket.ticket_id)).toMatchObject({ summary_zh: f.summary_zh, title: ticket.title, scope_pairs: ['target_system=oms', 'client_ip=10.8.1.21'] })
    await rebuildBoard(store)
    expect((await all()).find((t) => t.ticket_id === ticket.ticket_id)?.summary_zh).toBe(f.summary_zh)
  })

  it("a ticket opened before the Chinese texts existed reads '' for them (the console falls back to English)", async () => {
    const { ticket: model } = await openTicketForFinding(store, finding('a1a1000000000002-k1'), T0)
    const { summary_zh: _s, fix_zh: _f, ...before } = model as TicketFields & { ticket_id: string }
    const id = `TK-old-${randomUUID().slice(0, 8)}`
    await appendEvent(store, { ticket_id: id, seq: 1, event_id: randomUUID(), at: new Date(T0).toISOString(), actor: 'orderlens', type: 'created', before: {}, after: { ...before, finding_id: '' }, note: '' })
    await rebuildBoard(store)
    expect((await getTicket(store, id))!.ticket).toMatchObject({ summary: model.summary, summary_zh: '', fix_zh: '' })
    expect((await all()).find((t) => t.ticket_id === id)).toMatchObject({ title: model.title, summary_zh: '' })
  })

  it('similar past tickets carry their Chinese summary and scope, for a Chinese title', async () => {
    const past = finding('a1a1000000000003-k1', { scope: { target_system: 'oms', client_ip: '10.8.1.30' }, summary_zh: 'oms 拒绝 10.8.1.30' })
    const { ticket } = await openTicketForFinding(store, past, T0)
    await acknowledgeTicket(store, ticket.ticket_id, 'olga', T0 + MIN)
    await startTicket(store, ticket.ticket_id, 'olga', T0 + 2 * MIN)
    await resolveTicket(store, ticket.ticket_id, 'olga', T0 + 3 * MIN, { note: 'whitelisted', evidence: ['https://grafana/d/x'] })
    const { ticket: now } = await openTicketForFinding(store, finding('a1a1000000000004-k1'), T0 + 10 * MIN)
    const similar = (await getTicketView(store, now.ticket_id, T0 + 10 * MIN))!.similar
    expect(similar.find((s) => s.ticket_id === ticket.ticket_id)).toMatchObject({ summary_zh: 'oms 拒绝 10.8.1.30', scope_pairs: ['target_system=oms', 'client_ip=10.8.1.30'] })
  })
})
