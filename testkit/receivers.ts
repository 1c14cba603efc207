/**
 * Local HTTP receivers on 127.0.0.1 for the notifier tests: a recorder, and
 * stand-ins for WeCom, DingTalk and Feishu that answer in their JSON and check
 * signatures the way the real services do (computed here independently of
 * the notifiers' code, so a wrong signature fails).
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  at: number
  method: string
  url: URL
  headers: IncomingHttpHeaders
  text: string
  json: unknown
}

export interface Answer {
  status: number
  body?: unknown
  /** Never answer (for timeouts). */
  hang?: boolean
}

export type Responder = (request: ReceivedRequest, index: number) => Answer

export interface Receiver {
  url: string
  requests: ReceivedRequest[]
  /** Resolves when `count` requests have arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>
  close(): Promise<void>
}

export async function startReceiver(respond: Responder = () => ({ status: 200, body: '' })): Promise<Receiver> {
  const requests: ReceivedRequest[] = []
  const waiters: (() => void)[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const received: ReceivedRequest = { at: Date.now(), method: req.method ?? '', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, text, json: parseJson(text) }
      requests.push(received)
      const answer = respond(received, requests.length - 1)
      waiters.splice(0).forEach((wake) => wake())
      if (answer.hang) return
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '')
      res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' }).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests, got ${requests.length} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
      return requests.slice(0, count)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const HOUR_MS = 3_600_000

/** WeCom group robot: key in the query, markdown content at most 4096 bytes. */
export function wecomResponder(key: string): Responder {
  return (req) => {
    if (req.url.pathname !== '/cgi-bin/webhook/send' || req.url.searchParams.get('key') !== key) {
      return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }
    }
    const body = req.json as { msgtype?: string; markdown?: { content?: string } } | undefined
    const content = body?.markdown?.content
    if (body?.msgtype !== 'markdown' || typeof content !== 'string') return { status: 200, body: { errcode: 40008, errmsg: 'invalid message type' } }
    if (Buffer.byteLength(content, 'utf8') > 4096) return { status: 200, body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } }
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } }
  }
}

/** DingTalk robot with 加签: timestamp (ms, within an hour) and sign in the query. */
export function dingtalkResponder(accessToken: string, secret: string): Responder {
  return (req) => {
    if (req.url.searchParams.get('access_token') !== accessToken) return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } }
    const timestamp = req.url.searchParams.get('timestamp') ?? ''
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
    // URLSearchParams has already URL-decoded the sign, as DingTalk's server does.
    if (Math.abs(Date.now() - Number(timestamp)) > HOUR_MS || req.url.searchParams.get('sign') !== expected) {
      return { status: 200, body: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } }
    }
    const body = req.json as { msgtype?: string; markdown?: { title?: string; text?: string } } | undefined
    if (body?.msgtype !== 'markdown' || !body.markdown?.title || !body.markdown.text) return { status: 200, body: { errcode: 40035, errmsg: '缺少参数 markdown' } }
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } }
  }
}

/** Feishu custom bot with 签名校验: timestamp (s, within an hour) and sign in the body. */
export function feishuResponder(secret: string): Responder {
  return (req) => {
    const body = req.json as { timestamp?: string; sign?: string; msg_type?: string } | undefined
    const timestamp = body?.timestamp ?? ''
    const expected = createHmac('sha256', `${timestamp}\n${secret}`).update(Buffer.alloc(0)).digest('base64')
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > HOUR_MS / 1000 || body?.sign !== expected) {
      return { status: 200, body: { code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' } }
    }
    if (body.msg_type !== 'interactive' && body.msg_type !== 'text') return { status: 200, body: { code: 19002, data: {}, msg: 'params error, msg_type need' } }
    return { status: 200, body: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' } }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
