/**
 * A failed send. Carries what the receiver answered (HTTP status, body, the
 * service's own error code) so the notification history can show why, and
 * whether trying again can help.
 */
export class NotifyError extends Error {
  readonly status: number | undefined
  readonly body: string | undefined
  /** False when the receiver refused the request itself (bad URL, bad payload): retrying sends the same refusal. */
  readonly retryable: boolean

  constructor(message: string, options: { status?: number; body?: string; retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'NotifyError'
    this.status = options.status
    this.body = options.body
    this.retryable = options.retryable ?? true
  }
}

/** HTTP statuses worth another try: timeouts, rate limits and server errors. Other 4xx answers are final. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429
}
