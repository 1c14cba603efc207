/** E-mail over SMTP (nodemailer): the shared title as subject, a plain-text and an HTML body. */
import nodemailer from 'nodemailer'
import type { EmailReceiver } from './config.ts'
import { NotifyError } from './errors.ts'
import { renderHtml, renderText, titleOf } from './format.ts'
import { DEFAULT_TIMEOUT_MS } from './http.ts'
import type { Notifier } from './types.ts'

/** What nodemailer attaches to its errors. */
interface SmtpFailure extends Error {
  code?: string
  responseCode?: number
  response?: string
}

export function emailNotifier(config: EmailReceiver): Notifier {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const { host, port, secure, requireTLS, auth } = config.smtp
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: secure ?? port === 465,
    requireTLS: requireTLS ?? false,
    ...(auth ? { auth } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  })
  return {
    kind: 'email',
    name: config.name,
    async send(n) {
      try {
        await transport.sendMail({
          from: config.from,
          to: config.to,
          subject: `${config.subjectPrefix ?? ''}${titleOf(n)}`,
          text: renderText(n),
          html: renderHtml(n),
        })
      } catch (error) {
        throw smtpError(`${host}:${port}`, error as SmtpFailure)
      }
    },
  }
}

/** SMTP 5xx replies are permanent (bad login, unknown mailbox): retrying cannot help. 4xx and network errors can pass. */
function smtpError(server: string, error: SmtpFailure): NotifyError {
  const reply = error.response ? `: ${error.response}` : ''
  const code = error.code ? ` [${error.code}]` : ''
  return new NotifyError(`SMTP ${server} refused the message${code}${reply || `: ${error.message}`}`, {
    ...(error.responseCode === undefined ? {} : { status: error.responseCode }),
    ...(error.response === undefined ? {} : { body: error.response }),
    retryable: error.responseCode === undefined || error.responseCode < 500,
    cause: error,
  })
}
