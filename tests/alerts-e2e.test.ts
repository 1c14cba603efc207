import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import type { FaultSpec } from '../simulator/index.ts'
import { runDetectionPass } from '../analyzer/index.ts'
import { detectAll } from '../analyzer/detectors/index.ts'
import { buildApp } from '../server/app.ts'
import { dingtalkResponder, feishuResponder, startReceiver, wecomResponder, type Receiver } from '../testkit/receivers.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
const at = (h: number) => FROM + h * HOUR
const WHITELIST: FaultSpec = { scenario: 'ip_whitelist', start: at(26), durationMs: HOUR, intensity: 1, scope: { client_ip: '10.8.1.21', endpoint: '/callback/shipment' } }
const THROTTLING: FaultSpec = { scenario: 'throttling', start: at(28), durationMs: HOUR, intensity: 1, scope: { target_system: 'jd_api' } }

interface WebhookBody {
  version: string
  status: string
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; generatorURL: string }[]
}

/**
 * The whole loop on simulated failures: the fault starts, the detector finds
 * it, the alert fires once and reaches real local receivers in each format,
 * a ticket opens with its owner, priority and deadline, the fault ends and the
 * resolution follows; a silence holds a second fault's notification back.
 */
describe('alerts end to end on simulated failure stories', () => {
  let store: Store
  let app: FastifyInstance
  let webhook: Receiver, wecom: Receiver, dingtalk: Receiver, feishu: Receiver
  const timeline: string[] = []

  /** The schedules, replayed: a detection pass at the minute, the alert evaluation half a minute later. */
  async function runMinutes(from: number, to: number, stepMin = 1) {
    for (let t = from; t <= to; t += stepMin * MIN) {
      await runDetectionPass(store, { at: t, lookbackMs: 15 * MIN, graceMs: 5 * MIN, sources: [detectAll] })
      const result = (await app.inject({ method: 'POST', url: '/api/v1/alerts/evaluate', query: { at: new Date(t + 30_000).toISOString() } })).json()
      for (const f of result.fired) timeline.push(`${(t - from) / MIN} fired ${f.labels.pattern}`)
      for (const r of result.resolved) timeline.push(`${(t - from) / MIN} resolved ${r.labels.pattern}`)
    }
  }
  const bodies = () => webhook.requests.map((r) => r.json) as WebhookBody[]
  const whitelistCalls = () => bodies().filter((b) => b.alerts.some((a) => a.labels.alertname === 'FailurePattern' && a.labels.pattern === 'ip_whitelist'))

  beforeAll(async () => {
    webhook = await startReceiver(() => ({ status: 200, body: 'ok' }))
    wecom = await startReceiver(wecomResponder('wk'))
    dingtalk = await startReceiver(dingtalkResponder('dt', 'SECdt'))
    feishu = await startReceiver(feishuResponder('fs-secret'))
    const rulesDir = mkdtempSync(path.join(tmpdir(), 'orderlens-rules-'))
    copyFileSync(path.join(import.meta.dirname, '..', 'alerts', 'rules', 'findings.yml'), path.join(rulesDir, 'findings.yml'))
    const config = testConfig({
      alerts: {
        evaluateSchedule: '',
        rulesDir,
        externalUrl: 'http://orderlens.example:8600',
        receivers: [
          { kind: 'webhook', name: 'hook', url: webhook.url },
          { kind: 'wecom', name: 'wecom', url: `${wecom.url}/cgi-bin/webhook/send?key=wk` },
          { kind: 'dingtalk', name: 'dingtalk', url: `${dingtalk.url}/robot/send?access_token=dt`, secret: 'SECdt' },
          { kind: 'feishu', name: 'feishu', url: `${feishu.url}/open-apis/bot/v2/hook/x`, secret: 'fs-secret' },
        ],
        routes: ['hook', 'wecom', 'dingtalk', 'feishu'].map((receiver) => ({ receiver, matchers: [], group_by: ['alertname', 'pattern'], continue: true })),
      },
    })
    ;({ store } = await simulateIntoStore(config, { seed: 5, from: FROM, to: at(30), ordersPerDay: 4000, faults: [WHITELIST, THROTTLING] }))
    app = await buildApp({ config, store })
    await app.ready()
  })
  afterAll(async () => {
    console.info(`[alerts] ${timeline.join('; ')}`)
    await app?.close()
    await Promise.all([webhook, wecom, dingtalk, feishu].map((r) => r?.close()))
  })

  it('fires once when the whitelist starts refusing, and every receiver gets it in its own format', async () => {
    await runMinutes(WHITELIST.start - 2 * MIN, WHITELIST.start + 15 * MIN)
    const firing = whitelistCalls()
    expect(firing).toHaveLength(1)
    expect(firing[0]).toMatchObject({ version: '4', status: 'firing', receiver: 'hook' })
    const alert = firing[0]!.alerts[0]!
    expect(alert.labels).toMatchObject({ alertname: 'FailurePattern', pattern: 'ip_whitelist', client_ip: '10.8.1.21', endpoint: '/callback/shipment', severity: 'critical', team: 'sre' })
    expect(alert.annotations.summary).toMatch(/refuses \/callback\/shipment from 10\.8\.1\.21/)
    expect(alert.generatorURL).toMatch(/^http:\/\/orderlens\.example:8600\/api\/v1\/findings\/[0-9a-f]{16}-/)
    expect(alert.endsAt).toBe('0001-01-01T00:00:00Z')
    // Latency: from the fault's start to the evaluation that sent it.
    const sentAt = webhook.requests.find((r) => whitelistCalls().includes(r.json as WebhookBody))!
    const fired = timeline.find((e) => e.endsWith('fired ip_whitelist'))!
    console.info(`[alerts] ip_whitelist notified at minute ${Number(fired.split(' ')[0]) - 2} + 30 s after the fault started (wall clock ${new Date(sentAt.at).toISOString()})`)
    expect(Number(fired.split(' ')[0]) - 2).toBeLessThanOrEqual(3)
    for (const chat of [wecom, dingtalk, feishu]) {
      const texts = chat.requests.map((r) => r.text).filter((t) => t.includes('ip_whitelist') || t.includes('10.8.1.21'))
      expect(texts.length).toBe(1)
    }
    const history = (await app.inject({ url: '/api/v1/alerts/notifications' })).json().notifications
    expect(history.filter((n: { ok: boolean }) => !n.ok)).toEqual([])
    expect(new Set(history.map((n: { receiver: string }) => n.receiver))).toEqual(new Set(['hook', 'wecom', 'dingtalk', 'feishu']))
  })

  it('opens a disposal ticket for the owning team, with its priority and deadline', async () => {
    const { tickets } = (await app.inject({ url: '/api/v1/tickets' })).json()
    const ticket = tickets.find((t: { pattern: string }) => t.pattern === 'ip_whitelist')
    expect(ticket).toMatchObject({ team: 'integration', priority: 'P1' })
    expect(Date.parse(ticket.deadline) - Date.parse(ticket.created_at)).toBe(HOUR)
  })

  it('tells the resolution once after the fault ends, and nothing more', async () => {
    await runMinutes(WHITELIST.start + 20 * MIN, WHITELIST.start + WHITELIST.durationMs + 40 * MIN, 5)
    const calls = whitelistCalls()
    expect(calls.map((c) => c.status)).toEqual(['firing', 'resolved'])
    expect(calls[1]!.alerts[0]!.endsAt).not.toBe('0001-01-01T00:00:00Z')
    const resolved = (await app.inject({ url: '/api/v1/alerts', query: { status: 'resolved' } })).json().alerts
    expect(resolved.map((a: { labels: Record<string, string> }) => a.labels.pattern)).toContain('ip_whitelist')
  })

  it("reminds the owning team before the ticket's deadline and escalates after it, once each", async () => {
    const notices = bodies().flatMap((b) => b.alerts).filter((a) => a.labels.ticket_id && a.labels.pattern === 'ip_whitelist')
    expect(notices.map((a) => a.labels.alertname)).toEqual(['TicketDueSoon', 'TicketOverdue'])
    expect(notices[1]!.labels).toMatchObject({ team: 'integration', priority: 'P0', severity: 'critical' })
    const ticket = (await app.inject({ url: `/api/v1/tickets/${notices[0]!.labels.ticket_id}` })).json()
    expect(ticket.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'reminded', 'escalated']))
  })

  it('holds a silenced alert back while the silence lasts, and sends it when it is over', async () => {
    const silence = await app.inject({
      method: 'POST',
      url: '/api/v1/silences',
      payload: { matchers: [{ name: 'pattern', value: 'throttling' }], startsAt: new Date(THROTTLING.start - HOUR).toISOString(), endsAt: new Date(THROTTLING.start + 6 * MIN).toISOString(), comment: 'jd quota raise in progress' },
    })
    expect(silence.statusCode).toBe(201)
    expect(silence.json()).toMatchObject({ createdBy: 'anonymous', comment: 'jd quota raise in progress' })
    const before = webhook.requests.length
    const throttlingCalls = () => (webhook.requests.slice(before).map((r) => r.json) as WebhookBody[]).filter((b) => b.alerts.some((a) => a.labels.pattern === 'throttling'))
    await runMinutes(THROTTLING.start, THROTTLING.start + 5 * MIN)
    expect(timeline.some((e) => e.endsWith('fired throttling'))).toBe(true)
    expect(throttlingCalls()).toEqual([])
    await runMinutes(THROTTLING.start + 6 * MIN, THROTTLING.start + 6 * MIN)
    expect(throttlingCalls().map((b) => b.status)).toEqual(['firing'])
  })

  it('expires a silence by hand', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/silences', payload: { matchers: [{ name: 'team', value: 'sre' }], endsAt: new Date(Date.now() + HOUR).toISOString(), comment: 'maintenance' } })
    const id = created.json().id
    expect((await app.inject({ url: '/api/v1/silences' })).json().silences.map((s: { id: string }) => s.id)).toContain(id)
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/silences/${id}` })).statusCode).toBe(200)
    expect((await app.inject({ url: '/api/v1/silences' })).json().silences.map((s: { id: string }) => s.id)).not.toContain(id)
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/silences/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404)
  })

  it('refuses a bad silence, naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/silences', payload: { matchers: [{ name: 'pattern', value: '(', isRegex: true }], endsAt: new Date(Date.now() + HOUR).toISOString(), comment: 'bad regex' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/matchers/)
    const backwards = await app.inject({ method: 'POST', url: '/api/v1/silences', payload: { matchers: [{ name: 'a', value: 'b' }], endsAt: '2020-01-01T00:00:00Z', comment: 'in the past' } })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().message).toMatch(/endsAt/)
  })
})
