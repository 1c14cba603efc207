import { afterEach, describe, expect, it } from 'vitest'
import { ZERO_TIME, createNotifier, deliver, renderMarkdown, renderText, titleOf, type Notification } from '../alerts/notifiers/index.ts'
import { formatDuration } from '../alerts/notifiers/format.ts'
import { createHmac } from 'node:crypto'
import { dingtalkSignedUrl } from '../alerts/notifiers/dingtalk.ts'
import { dingtalkResponder, feishuResponder, startReceiver, wecomResponder, type Receiver } from '../testkit/receivers.ts'
import { ENDS_AT, STARTS_AT, firingAlert, notificationOf, resolvedAlert } from './helpers/notifier-fixtures.ts'

const receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})
async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args)
  receivers.push(r)
  return r
}
const quick = { retries: 1, baseDelayMs: 10, maxDelayMs: 20 }

/** What every chat message must tell a reader, for firing and for resolved. */
function expectFiringText(text: string): void {
  expect(text).toContain('告警 FIRING')
  expect(text).toContain('Push to WMS fails for 38% of calls') // what
  expect(text).toContain('endpoint=/wms/push') // where
  expect(text).toContain('warehouse=SH-01')
  expect(text).toContain('2026-11-23 14:30:00') // since, China time
  expect(text).toContain(STARTS_AT) // and ISO
  expect(text).toContain('critical') // severity
  expect(text).toContain('Roll back the WMS release') // fix
  expect(text).toContain('http://orderlens.test/api/v1/findings?detector=wms_push') // evidence
}
function expectResolvedText(text: string): void {
  expect(text).toContain('已恢复 RESOLVED')
  expect(text).not.toContain('告警 FIRING')
  expect(text).toContain('2026-11-23 15:45:30') // ended, China time
  expect(text).toContain('lasted 1h 15m')
}

describe('WeCom group robot', () => {
  it('posts a markdown message with what, where, since when, severity, fix and evidence; then the recovery', async () => {
    const wecom = await receiver(wecomResponder('k-123'))
    const notifier = createNotifier({ kind: 'wecom', name: 'ops-wecom', url: `${wecom.url}/cgi-bin/webhook/send?key=k-123` })
    const fired = await deliver(notifier, notificationOf([firingAlert()]), quick)
    const resolved = await deliver(notifier, notificationOf([resolvedAlert()]), quick)
    expect([fired.ok, resolved.ok]).toEqual([true, true])
    const [first, second] = wecom.requests.map((r) => (r.json as { markdown: { content: string } }).markdown.content)
    expectFiringText(first!)
    expectResolvedText(second!)
  })

  it('keeps a large group within WeCom’s 4096-byte limit and says how many alerts were left out', async () => {
    const wecom = await receiver(wecomResponder('k-123'))
    const notifier = createNotifier({ kind: 'wecom', name: 'ops-wecom', url: `${wecom.url}/cgi-bin/webhook/send?key=k-123` })
    const alerts = Array.from({ length: 60 }, (_, i) => firingAlert({ labels: { alertname: 'WmsPushFailing', severity: 'critical', warehouse: `仓库-${i}` } }))
    const result = await deliver(notifier, notificationOf(alerts), quick)
    expect(result.ok, result.error).toBe(true)
    const content = (wecom.requests[0]!.json as { markdown: { content: string } }).markdown.content
    const shown = content.match(/仓库-\d+/g)!.length
    expect(shown).toBeGreaterThan(1)
    expect(content).toContain(`另有 ${60 - shown} 条`)
  })

  it('records a refusal (errcode) as a failure quoting the code and message, without the key in it', async () => {
    const wecom = await receiver(wecomResponder('right-key'))
    const notifier = createNotifier({ kind: 'wecom', name: 'ops-wecom', url: `${wecom.url}/cgi-bin/webhook/send?key=wrong-key` })
    const result = await deliver(notifier, notificationOf([firingAlert()]), quick)
    expect(result.ok).toBe(false)
    expect(result.error).toContain('errcode 93000: invalid webhook url')
    expect(result.error).not.toContain('wrong-key')
    expect(result.attempts.map((a) => a.status)).toEqual([200, 200])
  })
})

describe('DingTalk robot with 加签', () => {
  it('signs the URL (timestamp + HMAC-SHA256 sign) so DingTalk accepts the markdown message', async () => {
    const ding = await receiver(dingtalkResponder('tok', 'SECabc+/='))
    const notifier = createNotifier({ kind: 'dingtalk', name: 'ops-ding', url: `${ding.url}/robot/send?access_token=tok`, secret: 'SECabc+/=', atMobiles: ['13800138000'] })
    const result = await deliver(notifier, notificationOf([firingAlert(), resolvedAlert({ labels: { alertname: 'WmsPushFailing', severity: 'critical', warehouse: 'BJ-02' } })]), quick)
    expect(result.ok, result.error).toBe(true)
    const body = ding.requests[0]!.json as { markdown: { title: string; text: string }; at: { atMobiles: string[] } }
    expect(body.markdown.title).toBe('[告警 FIRING:1] WmsPushFailing')
    expectFiringText(body.markdown.text)
    expect(body.markdown.text).toContain('已恢复 RESOLVED · WmsPushFailing')
    expect(body.markdown.text).toContain('@13800138000')
    expect(body.at.atMobiles).toEqual(['13800138000'])
  })

  it('URL-encodes the sign, so a signature with + and / survives the query string', () => {
    // Find a timestamp whose signature has a '+' (half of them do): unencoded, DingTalk would read it as a space.
    const secret = 'SECabc'
    const raw = (ts: number) => createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')
    let ts = 1_763_884_800_000
    while (!raw(ts).includes('+')) ts += 1
    const url = new URL(dingtalkSignedUrl('http://127.0.0.1/robot/send?access_token=tok', secret, ts))
    expect(url.searchParams.get('access_token')).toBe('tok')
    expect(url.searchParams.get('timestamp')).toBe(String(ts))
    expect(url.searchParams.get('sign')).toBe(raw(ts))
  })

  it('fails with errcode 310000 when signed with the wrong secret', async () => {
    const ding = await receiver(dingtalkResponder('tok', 'SECright'))
    const notifier = createNotifier({ kind: 'dingtalk', name: 'ops-ding', url: `${ding.url}/robot/send?access_token=tok`, secret: 'SECwrong' })
    const result = await deliver(notifier, notificationOf([firingAlert()]), { ...quick, retries: 0 })
    expect(result.ok).toBe(false)
    expect(result.error).toMatch(/errcode 310000: sign not match/)
  })
})

describe('Feishu bot with 签名校验', () => {
  it('sends a signed interactive card: red header while critical fires, green once resolved', async () => {
    const feishu = await receiver(feishuResponder('fs-secret'))
    const notifier = createNotifier({ kind: 'feishu', name: 'ops-feishu', url: `${feishu.url}/open-apis/bot/v2/hook/abc`, secret: 'fs-secret' })
    expect((await deliver(notifier, notificationOf([firingAlert()]), quick)).ok).toBe(true)
    expect((await deliver(notifier, notificationOf([resolvedAlert()]), quick)).ok).toBe(true)
    type Card = { card: { header: { title: { content: string }; template: string }; elements: { text: { content: string } }[] } }
    const [firing, resolved] = feishu.requests.map((r) => r.json as Card)
    expect(firing!.card.header).toMatchObject({ title: { content: '[告警 FIRING:1] WmsPushFailing' }, template: 'red' })
    expectFiringText(firing!.card.elements[0]!.text.content)
    expect(resolved!.card.header).toMatchObject({ title: { content: '[已恢复 RESOLVED] WmsPushFailing' }, template: 'green' })
    expectResolvedText(resolved!.card.elements[0]!.text.content)
  })

  it('sends plain text when configured so', async () => {
    const feishu = await receiver(feishuResponder('fs-secret'))
    const notifier = createNotifier({ kind: 'feishu', name: 'ops-feishu', url: feishu.url, secret: 'fs-secret', messageType: 'text' })
    expect((await deliver(notifier, notificationOf([firingAlert()]), quick)).ok).toBe(true)
    const body = feishu.requests[0]!.json as { msg_type: string; content: { text: string } }
    expect(body.msg_type).toBe('text')
    expectFiringText(body.content.text)
  })

  it('fails with code 19021 when signed with the wrong secret', async () => {
    const feishu = await receiver(feishuResponder('fs-secret'))
    const hookId = '5e3d587e-d78e-4a07-bd07-265f269f86fd'
    const notifier = createNotifier({ kind: 'feishu', name: 'ops-feishu', url: `${feishu.url}/open-apis/bot/v2/hook/${hookId}`, secret: 'not-it' })
    const result = await deliver(notifier, notificationOf([firingAlert()]), { ...quick, retries: 0 })
    expect(result.ok).toBe(false)
    expect(result.error).toMatch(/code 19021: sign match fail/)
    // The hook id is the bot's credential: the recorded error shows only its start.
    expect(result.error).toContain('/open-apis/bot/v2/hook/5e3d…')
    expect(result.error).not.toContain(hookId)
  })
})

describe('generic webhook (Alertmanager webhook v4)', () => {
  const ALERT_KEYS = ['annotations', 'endsAt', 'fingerprint', 'generatorURL', 'labels', 'startsAt', 'status']
  const PAYLOAD_KEYS = ['alerts', 'commonAnnotations', 'commonLabels', 'externalURL', 'groupKey', 'groupLabels', 'receiver', 'status', 'truncatedAlerts', 'version']

  async function send(n: Notification, extra: Record<string, unknown> = {}) {
    const hook = await receiver()
    const notifier = createNotifier({ kind: 'webhook', name: 'hook', url: `${hook.url}/alerts`, ...extra })
    const result = await deliver(notifier, n, quick)
    expect(result.ok, result.error).toBe(true)
    return hook.requests[0]!
  }

  it('posts a firing group in the v4 shape, with the bearer token', async () => {
    const request = await send(notificationOf([firingAlert()]), { bearerToken: 's3cret' })
    expect(request.headers.authorization).toBe('Bearer s3cret')
    expect(request.headers['content-type']).toMatch(/^application\/json/)
    const payload = request.json as Record<string, unknown> & { alerts: Record<string, unknown>[] }
    expect(Object.keys(payload).sort()).toEqual(PAYLOAD_KEYS)
    expect(Object.keys(payload.alerts[0]!).sort()).toEqual(ALERT_KEYS)
    expect(payload).toMatchObject({ version: '4', status: 'firing', receiver: 'oncall', truncatedAlerts: 0, groupLabels: { alertname: 'WmsPushFailing' } })
    expect(payload.commonLabels).toEqual(firingAlert().labels)
    expect(payload.alerts[0]).toMatchObject({ status: 'firing', startsAt: STARTS_AT, endsAt: ZERO_TIME })
  })

  it('posts a resolved group with endsAt, with basic auth', async () => {
    const request = await send(notificationOf([resolvedAlert()]), { basicAuth: { username: 'am', password: 'pw' } })
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('am:pw').toString('base64')}`)
    const payload = request.json as { status: string; alerts: { status: string; endsAt: string }[] }
    expect(payload.status).toBe('resolved')
    expect(payload.alerts[0]).toMatchObject({ status: 'resolved', endsAt: ENDS_AT })
  })

  it('keeps the group firing while any alert fires, and counts alerts past maxAlerts in truncatedAlerts', async () => {
    const alerts = [firingAlert(), resolvedAlert({ fingerprint: 'b' }), firingAlert({ fingerprint: 'c', labels: { alertname: 'WmsPushFailing', severity: 'critical' } })]
    const payload = (await send(notificationOf(alerts), { maxAlerts: 2 })).json as { status: string; alerts: unknown[]; truncatedAlerts: number; commonLabels: object }
    expect(payload).toMatchObject({ status: 'firing', truncatedAlerts: 1 })
    expect(payload.alerts).toHaveLength(2)
    expect(payload.commonLabels).toEqual({ alertname: 'WmsPushFailing', severity: 'critical' })
  })
})

describe('message text (shared by the chat and e-mail channels)', () => {
  it('says how long an alert has been firing, from its start to now', () => {
    const now = new Date(Date.parse(STARTS_AT) + 45 * 60_000 + 10_000)
    expect(renderText(notificationOf([firingAlert()]), now)).toContain('已持续 Firing for: 45m 10s')
  })

  it('gives durations in their two largest units', () => {
    expect([0, 45_000, 60_000, 3_600_000, 4_530_000, 2 * 86_400_000 + 3 * 3_600_000 + 59_000].map(formatDuration)).toEqual(['0s', '45s', '1m', '1h', '1h 15m', '2d 3h'])
  })

  it('leaves out labels that are not scope, and lists the scope of a global alert as nothing', () => {
    const global = firingAlert({ labels: { alertname: 'IngestStalled', severity: 'warning' } })
    const text = renderMarkdown(notificationOf([global]))
    expect(text).not.toContain('范围 Where')
    expect(text).toContain('🔴 告警 FIRING · warning · IngestStalled')
  })

  it('counts alerts the group already left out in the title and the closing line', () => {
    const n = { ...notificationOf([firingAlert()]), truncatedAlerts: 4 }
    expect(titleOf(n)).toBe('[告警 FIRING:5] WmsPushFailing')
    expect(renderText(n)).toContain('另有 4 条告警未列出 and 4 more alert(s) not shown')
  })
})
