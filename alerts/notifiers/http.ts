import { NotifyError, isRetryableStatus } from './errors.ts'

export const DEFAULT_TIMEOUT_MS = 10_000
/** Bodies quoted in errors are cut here: enough to read the receiver's complaint, not a page of HTML. */
const BODY_QUOTE_CHARS = 500
/** A path segment of 16+ letters, digits, '-' or '_' with at least one digit: an id or token, not a word. */
const TOKEN_LIKE = /^(?=.*\d)[A-Za-z0-9_-]{16,}$/

export interface HttpAnswer {
  status: number
  body: string
}

export interface PostOptions {
  headers?: Record<string, string>
  timeoutMs?: number
}

/**
 * POST a JSON body; resolves with the answer when the status is 2xx, throws a
 * NotifyError naming the receiver's status and body otherwise. URLs are shown
 * without their query string: chat robots carry their access token there.
 */
export async function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<HttpAnswer> {
  const where = redactUrl(url)
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
  } catch (error) {
    throw new NotifyError(`POST ${where} failed: ${describeFetchError(error)}`, { cause: error })
  }
  const text = await response.text()
  if (response.status < 200 || response.status > 299) {
    throw new NotifyError(`POST ${where} answered HTTP ${response.status}: ${quote(text)}`, {
      status: response.status,
      body: text,
      retryable: isRetryableStatus(response.status),
    })
  }
  return { status: response.status, body: text }
}

/** Parse a chat service's JSON answer; a 200 that is not JSON is a failure too (a proxy's page, not the service). */
export function parseJsonAnswer(url: string, answer: HttpAnswer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(answer.body)
    if (parsed !== null && typeof parsed === 'object') return parsed as Record<string, unknown>
  } catch {
    // reported below
  }
  throw new NotifyError(`POST ${redactUrl(url)} answered HTTP ${answer.status} with a body that is not a JSON object: ${quote(answer.body)}`, {
    status: answer.status,
    body: answer.body,
  })
}

/**
 * A URL fit for error messages and the notification history: robots carry
 * their credential in the query (WeCom key, DingTalk access_token) or as a
 * path segment (Feishu's hook id), so the query is dropped and long
 * token-like segments are cut to their first four characters.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    const path = u.pathname.split('/').map((segment) => (TOKEN_LIKE.test(segment) ? `${segment.slice(0, 4)}…` : segment)).join('/')
    return `${u.origin}${path}${u.search ? '?…' : ''}`
  } catch {
    return '(invalid URL)'
  }
}

export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (oneLine === '') return '(empty body)'
  return oneLine.length > BODY_QUOTE_CHARS ? `${oneLine.slice(0, BODY_QUOTE_CHARS)}…` : oneLine
}

/** fetch() says only "fetch failed"; the reason (ECONNREFUSED, timeout, DNS) is in its cause. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'TimeoutError') return 'timed out'
  const cause = error.cause
  if (cause instanceof Error) return `${error.message} (${(cause as NodeJS.ErrnoException).code ?? cause.message})`
  return error.message
}

export interface HttpAuth {
  bearerToken?: string
  basicAuth?: { username: string; password: string }
}

/** The Authorization header for a receiver that wants one (bearer wins when both are configured). */
export function authHeaders(auth: HttpAuth): Record<string, string> {
  if (auth.bearerToken) return { authorization: `Bearer ${auth.bearerToken}` }
  if (auth.basicAuth) {
    const pair = `${auth.basicAuth.username}:${auth.basicAuth.password}`
    return { authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` }
  }
  return {}
}

/**
 * Chat robots answer HTTP 200 even when they refuse a message; the refusal is
 * a non-zero code in the JSON (WeCom/DingTalk `errcode`, Feishu `code` or the
 * older `StatusCode`). Throws a NotifyError quoting the code and message.
 */
export function expectZeroCode(url: string, answer: HttpAnswer, codeKeys: string[], messageKeys: string[]): void {
  const json = parseJsonAnswer(url, answer)
  const codeKey = codeKeys.find((key) => key in json)
  if (codeKey === undefined) {
    throw new NotifyError(`POST ${redactUrl(url)} answered without ${codeKeys.join('/')}: ${quote(answer.body)}`, { status: answer.status, body: answer.body })
  }
  const code = Number(json[codeKey])
  if (code === 0) return
  const message = messageKeys.map((key) => json[key]).find((value) => typeof value === 'string') ?? ''
  throw new NotifyError(`POST ${redactUrl(url)} answered HTTP ${answer.status} with ${codeKey} ${json[codeKey]}: ${message || quote(answer.body)}`, {
    status: answer.status,
    body: answer.body,
  })
}
