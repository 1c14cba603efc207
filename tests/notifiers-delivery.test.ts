import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { ReceiverConfigError, createNotifier, createNotifiers, deliver } from '../alerts/notifiers/index.ts'
import { startReceiver, type Receiver } from '../testkit/receivers.ts'
import { firingAlert, notificationOf } from './helpers/notifier-fixtures.ts'

const receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})
// A generous per-attempt timeout: the machine is shared, and only the timeout test wants a short one.
async function hook(respond: Parameters<typeof startReceiver>[0], timeoutMs = 10_000) {
  const r = await startReceiver(respond)
  receivers.push(r)
  return { receiver: r, notifier: createNotifier({ kind: 'webhook', name: 'hook', url: `${r.url}/alerts`, timeoutMs }) }
}
const n = notificationOf([firingAlert()])

describe('deliver: retries with back-off, every attempt recorded', () => {
  it('gets through after the receiver fails twice, waiting longer before each retry', async () => {
    const base = 80
    const { receiver, notifier } = await hook((_, i) => (i < 2 ? { status: 503, body: 'upstream busy' } : { status: 200, body: 'ok' }))
    const result = await deliver(notifier, n, { retries: 4, baseDelayMs: base, maxDelayMs: 1000 })
    expect(result).toMatchObject({ ok: true, receiver: 'hook', kind: 'webhook', status: 'firing', groupKey: n.groupKey })
    expect(result.error).toBeUndefined()
    expect(result.attempts.map((a) => [a.ok, a.status])).toEqual([[false, 503], [false, 503], [true, undefined]])
    expect(result.attempts[0]!.error).toContain('HTTP 503: upstream busy')
    expect(receiver.requests).toHaveLength(3)
    // Exponential back-off with jitter in [1, 2): the first wait is at least base, the second at least 2 × base.
    const [t0, t1, t2] = receiver.requests.map((r) => r.at)
    expect(t1! - t0!).toBeGreaterThanOrEqual(base - 5)
    expect(t2! - t1!).toBeGreaterThanOrEqual(2 * base - 5)
    expect(Date.parse(result.finishedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt))
  })

  it('returns (not throws) a final failure with the receiver’s HTTP status and body when it always fails', async () => {
    const { receiver, notifier } = await hook(() => ({ status: 500, body: 'database is down' }))
    const result = await deliver(notifier, n, { retries: 2, baseDelayMs: 10, maxDelayMs: 20 })
    expect(result.ok).toBe(false)
    expect(result.error).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/alerts answered HTTP 500: database is down$/)
    expect(result.attempts).toHaveLength(3)
    expect(result.attempts.every((a) => !a.ok && a.status === 500 && a.durationMs >= 0)).toBe(true)
    expect(receiver.requests).toHaveLength(3)
  })

  it('does not retry a request the receiver refuses as bad (4xx other than 408/429)', async () => {
    const { receiver, notifier } = await hook(() => ({ status: 400, body: { error: 'bad payload' } }))
    const result = await deliver(notifier, n, { retries: 3, baseDelayMs: 10 })
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(1)
    expect(result.error).toContain('HTTP 400: {"error":"bad payload"}')
    expect(receiver.requests).toHaveLength(1)
  })

  it('retries a rate limit (429)', async () => {
    const { notifier } = await hook((_, i) => (i === 0 ? { status: 429, body: 'slow down' } : { status: 200 }))
    const result = await deliver(notifier, n, { retries: 2, baseDelayMs: 10 })
    expect(result.attempts.map((a) => a.status)).toEqual([429, undefined])
    expect(result.ok).toBe(true)
  })

  it('records a receiver that does not answer as timed out', async () => {
    const { notifier } = await hook(() => ({ status: 200, hang: true }), 300)
    const result = await deliver(notifier, n, { retries: 1, baseDelayMs: 10 })
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(2)
    expect(result.error).toMatch(/alerts failed: timed out$/)
  })

  it('records a receiver that is not listening as connection refused', async () => {
    const port = await closedPort()
    const notifier = createNotifier({ kind: 'webhook', name: 'gone', url: `http://127.0.0.1:${port}/alerts` })
    const result = await deliver(notifier, n, { retries: 1, baseDelayMs: 10 })
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(2)
    expect(result.error).toContain('ECONNREFUSED')
    expect(result.attempts[0]!.status).toBeUndefined()
  })
})

describe('createNotifier: receiver configuration', () => {
  const bad = (config: unknown) => () => createNotifier(config)

  it('builds every kind from a valid configuration', () => {
    const kinds = [
      { kind: 'webhook', name: 'a', url: 'http://x/y' },
      { kind: 'wecom', name: 'b', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' },
      { kind: 'dingtalk', name: 'c', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC1' },
      { kind: 'feishu', name: 'd', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc', secret: 's' },
      { kind: 'email', name: 'e', smtp: { host: 'smtp.example.com', port: 465, auth: { user: 'u', pass: 'p' } }, from: 'ol@example.com', to: ['oncall@example.com'] },
      { kind: 'alertmanager', name: 'f', url: 'http://alertmanager:9093' },
    ]
    expect(kinds.map((k) => createNotifier(k)).map((x) => [x.kind, x.name])).toEqual(kinds.map((k) => [k.kind, k.name]))
  })

  it('accepts the example file, one receiver of each kind, by name', () => {
    const example = parse(readFileSync(path.join(import.meta.dirname, '..', 'alerts', 'notifiers', 'receivers.example.yml'), 'utf8')) as { receivers: unknown[] }
    const notifiers = createNotifiers(example.receivers)
    expect([...notifiers.values()].map((x) => x.kind).sort()).toEqual(['alertmanager', 'dingtalk', 'email', 'feishu', 'webhook', 'wecom'])
    expect(notifiers.get('oncall-wecom')?.kind).toBe('wecom')
  })

  it('names the position of a bad receiver in a list, and refuses a repeated name', () => {
    const ok = { kind: 'webhook', name: 'a', url: 'http://x' }
    expect(() => createNotifiers([ok, { kind: 'webhook', name: 'b' }])).toThrow(/^receivers\[1\]: receiver "b": \/url: /)
    expect(() => createNotifiers([ok, ok])).toThrow(/^receivers\[1\]: the name "a" is used by another receiver$/)
  })

  it('names the receiver and the bad field', () => {
    expect(bad({ kind: 'webhook', name: 'hook' })).toThrow(/receiver "hook": \/url: Expected required property/)
    expect(bad({ kind: 'webhook', name: 'hook', url: 'ftp://x' })).toThrow(/receiver "hook": \/url: .*http\(s\) URL/)
    expect(bad({ kind: 'dingtalk', name: 'ding', url: 'https://oapi.dingtalk.com/robot/send' })).toThrow(/receiver "ding": \/url: .*access_token/)
    expect(bad({ kind: 'wecom', name: 'wx', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' })).toThrow(/\/url: .*key=/)
    expect(bad({ kind: 'email', name: 'mail', smtp: { host: 'h', port: 70000 }, from: 'a@b.c', to: [] })).toThrow(/\/smtp\/port: .*; \/to: /)
    expect(bad({ kind: 'feishu', name: 'fs', url: 'http://x', secert: 'typo' })).toThrow(/receiver "fs": \/secert: Unexpected property/)
    expect(bad({ kind: 'pager', name: 'p' })).toThrow(/receiver "p": \/kind must be one of webhook, wecom, dingtalk, feishu, email, alertmanager/)
    expect(bad({ kind: 'webhook', name: 'h', url: 'http://x' , timeoutMs: 5})).toThrow(ReceiverConfigError)
  })
})

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
