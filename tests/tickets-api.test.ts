import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeKpis } from '../analyzer/index.ts'
import { hashPassword } from '../core/access/index.ts'
import { openStore, type Store } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import { ticketRoutes } from '../alerts/routes/tickets.ts'
import { openTicketForFinding } from '../alerts/tickets/index.ts'
import { testConfig } from './helpers/config.ts'

const HOUR = 3_600_000
const FINDING_AT = Date.parse('2026-02-10T06:00:00Z')
const PASSWORDS = { ada: 'admin-password-1', olga: 'oncall-password-1', mia: 'manager-password-1', sam: 'sre-password-1' } as const
type Name = keyof typeof PASSWORDS

describe('tickets API', () => {
  let app: FastifyInstance
  let store: Store
  const tokens = new Map<Name, string>()
  const call = (as: Name | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: as ? { authorization: `Bearer ${tokens.get(as)}` } : {} })

  beforeAll(async () => {
    const roles = { ada: 'admin', olga: 'oncall', mia: 'manager', sam: 'sre' } as const
    const users = await Promise.all((Object.keys(PASSWORDS) as Name[]).map(async (name) => ({ name, role: roles[name], password_hash: await hashPassword(PASSWORDS[name]) })))
    const config = testConfig({ access: { users, sessionSecret: 's'.repeat(40) } })
    store = openStore(config)
    app = await buildApp({ config, store })
    // Until server/app.ts registers the tickets plugin, the test does.
    if (!app.hasRoute({ method: 'GET', url: '/api/v1/tickets' })) await app.register(ticketRoutes, { store, config })
    await app.ready()
    for (const name of Object.keys(PASSWORDS) as Name[]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: name, password: PASSWORDS[name] } })
      tokens.set(name, res.json().token)
    }
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('lets on-call and admin change tickets, SRE comment, and everyone logged in read', async () => {
    expect((await call(null, 'GET', '/api/v1/tickets')).statusCode).toBe(401)
    expect((await call('mia', 'POST', '/api/v1/tickets', { title: 'Address unreachable', pattern: 'address_problem' })).statusCode).toBe(403)
    const created = await call('olga', 'POST', '/api/v1/tickets', { title: 'Address unreachable', pattern: 'address_problem', scope: { region: 'xinjiang' } })
    expect(created.statusCode).toBe(201)
    const t = created.json().ticket
    expect(t).toMatchObject({ team: 'customer-service', priority: 'P1', status: 'open' })
    expect(Date.parse(t.deadline) - Date.parse(t.created_at)).toBe(HOUR)
    const url = `/api/v1/tickets/${t.ticket_id}`
    expect((await call('mia', 'POST', `${url}/acknowledge`)).statusCode).toBe(403)
    expect((await call('sam', 'POST', `${url}/acknowledge`)).statusCode).toBe(403)
    expect((await call('sam', 'POST', `${url}/comment`, { note: 'region has no courier service this week' })).statusCode).toBe(200)
    expect((await call('olga', 'POST', `${url}/acknowledge`)).statusCode).toBe(200)
    const read = await call('mia', 'GET', url)
    expect(read.statusCode).toBe(200)
    expect(read.json().events.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([['created', 'olga'], ['commented', 'sam'], ['acknowledged', 'olga']])
    expect(read.json()).toMatchObject({ ticket: { status: 'acknowledged' }, sla: { colour: 'green' }, playbook: { key: 'address_problem' } })
    expect((await call('mia', 'GET', '/api/v1/tickets?team=customer-service')).json().tickets.map((x: { ticket_id: string }) => x.ticket_id)).toContain(t.ticket_id)
  })

  it('answers illegal moves with 409 naming the state, and a resolve without note or evidence with 400 naming the field', async () => {
    const t = (await call('ada', 'POST', '/api/v1/tickets', { title: 'SKU 8812 oversold in presale', pattern: 'stock_shortage' })).json().ticket
    const url = `/api/v1/tickets/${t.ticket_id}`
    const early = await call('olga', 'POST', `${url}/close`, {})
    expect(early.statusCode).toBe(409)
    expect(early.json().message).toMatch(/it is open/)
    // Two people acknowledging at once: one wins, the other is told the ticket is acknowledged already.
    const both = await Promise.all([call('olga', 'POST', `${url}/acknowledge`), call('ada', 'POST', `${url}/acknowledge`)])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect((await call('olga', 'POST', `${url}/start`, { note: 'calling purchasing' })).statusCode).toBe(200)
    const cases: [object, RegExp][] = [
      [{ evidence: ['count sheet'] }, /note/],
      [{ note: '   ', evidence: ['count sheet'] }, /note/],
      [{ note: 'transfer from WH-NORTH' }, /evidence/],
      [{ note: 'transfer from WH-NORTH', evidence: [] }, /evidence/],
    ]
    for (const [body, field] of cases) {
      const res = await call('olga', 'POST', `${url}/resolve`, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().message).toMatch(field)
    }
    expect((await call('olga', 'POST', `${url}/resolve`, { note: 'transfer from WH-NORTH', evidence: ['transfer order TR-77'] })).statusCode).toBe(200)
    expect((await call('olga', 'POST', `${url}/reassign`, { team: 'purchasing', priority: 'P1' })).statusCode).toBe(200)
    expect((await call('olga', 'POST', `${url}/close`)).json().ticket).toMatchObject({ status: 'closed', team: 'purchasing', priority: 'P1' })
    const history = (await call('mia', 'GET', url)).json().events as { type: string; actor: string; at: string; before: object; after: object }[]
    expect(history.find((e) => e.type === 'reassigned')).toMatchObject({ actor: 'olga', before: { team: 'warehouse' }, after: { team: 'purchasing' } })
    expect(history.find((e) => e.type === 'resolved')).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'resolved', resolution_evidence: ['transfer order TR-77'] } })
    expect(history.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true)
    // The board moved the ticket to its new team.
    const byTeam = async (team: string) => (await call('mia', 'GET', `/api/v1/tickets?team=${team}`)).json().tickets.map((x: { ticket_id: string }) => x.ticket_id)
    expect(await byTeam('purchasing')).toContain(t.ticket_id)
    expect(await byTeam('warehouse')).not.toContain(t.ticket_id)
  })

  it('rejects bad input naming the field', async () => {
    const cases: [string, string, object | undefined, RegExp][] = [
      ['GET', '/api/v1/tickets?priority=P9', undefined, /priority/],
      ['GET', '/api/v1/tickets/not-a-ticket', undefined, /id/],
      ['POST', '/api/v1/tickets', { pattern: 'payment_failure' }, /title/],
      ['POST', '/api/v1/tickets', { title: 'x', pattern: 'Payment Failure' }, /pattern/],
      ['POST', '/api/v1/tickets/TK-none/verdict', { verdict: 'maybe' }, /verdict/],
      ['POST', '/api/v1/tickets/TK-none/reassign', {}, /owner|team|priority/],
    ]
    for (const [method, url, body, field] of cases) {
      const res = await call('ada', method as 'GET' | 'POST', url, body)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().message).toMatch(field)
    }
    expect((await call('ada', 'POST', '/api/v1/tickets/TK-none/acknowledge')).statusCode).toBe(404)
  })

  it("records people's verdicts as ticket events and in finding_verdicts, moving the attribution accuracy KPI", async () => {
    const accuracy = async () => {
      const k = (await computeKpis(store, { from: FINDING_AT - 12 * HOUR, to: FINDING_AT + 12 * HOUR, ids: ['attribution_accuracy'] })).find((x) => x.id === 'attribution_accuracy')!
      return { value: k.value, n: k.n }
    }
    expect(await accuracy()).toMatchObject({ n: 0 })
    const finding = (id: string, pattern: string) => ({
      finding_id: id, pattern, severity: 'critical' as const, scope: { channel: 'jd' }, summary: 's', evidence: {}, fix: 'f', first_seen: new Date(FINDING_AT).toISOString(),
    })
    const a = (await openTicketForFinding(store, finding('eeee000000000001-k1', 'stopped_job'), Date.now())).ticket
    const b = (await openTicketForFinding(store, finding('eeee000000000002-k1', 'throttling'), Date.now())).ticket
    expect((await call('mia', 'POST', `/api/v1/tickets/${a.ticket_id}/verdict`, { verdict: 'correct' })).statusCode).toBe(403)
    expect((await call('sam', 'POST', `/api/v1/tickets/${a.ticket_id}/verdict`, { verdict: 'correct', note: 'the NTP jump it named' })).statusCode).toBe(200)
    expect(await accuracy()).toEqual({ value: 1, n: 1 })
    expect((await call('olga', 'POST', `/api/v1/tickets/${b.ticket_id}/verdict`, { verdict: 'incorrect', note: 'it was a deploy' })).statusCode).toBe(200)
    expect(await accuracy()).toEqual({ value: 0.5, n: 2 })
    const view = (await call('mia', 'GET', `/api/v1/tickets/${b.ticket_id}`)).json()
    expect(view.ticket.verdict).toBe('incorrect')
    expect(view.events.at(-1)).toMatchObject({ type: 'verdict', actor: 'olga', after: { verdict: 'incorrect' }, note: 'it was a deploy' })
    const rows = await store.query<{ reviewer: string; pattern: string }>(`SELECT reviewer, pattern FROM finding_verdicts WHERE finding_id = {id:String}`, { id: 'eeee000000000002-k1' })
    expect(rows).toEqual([{ reviewer: 'olga', pattern: 'throttling' }])
    // A ticket opened by hand has no automatic attribution to judge.
    const manual = (await call('ada', 'POST', '/api/v1/tickets', { title: 'Buyer cancelled', pattern: 'customer_cancellation' })).json().ticket
    const refused = await call('sam', 'POST', `/api/v1/tickets/${manual.ticket_id}/verdict`, { verdict: 'correct' })
    expect(refused.statusCode).toBe(409)
  })

  it('lists overdue tickets and shows in OpenAPI under alerts', async () => {
    const past = Date.now() - 3 * HOUR
    const { ticket } = await openTicketForFinding(store, { finding_id: 'ffff000000000001-k1', pattern: 'ip_whitelist', severity: 'critical', scope: { warehouse: 'WH-EAST' }, summary: 's', evidence: {}, fix: 'f' }, past)
    const overdue = (await call('mia', 'GET', '/api/v1/tickets?overdue=true')).json().tickets as { ticket_id: string; sla: { colour: string; overdue: boolean } }[]
    expect(overdue.find((x) => x.ticket_id === ticket.ticket_id)).toMatchObject({ sla: { colour: 'red', overdue: true } })
    expect(overdue.every((x) => x.sla.overdue)).toBe(true)
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json()
    expect(spec.paths['/api/v1/tickets/{id}/resolve'].post.tags).toEqual(['alerts'])
  })
})
