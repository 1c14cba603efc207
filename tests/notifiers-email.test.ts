import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotifier, deliver } from '../alerts/notifiers/index.ts'
import { firingAlert, notificationOf, resolvedAlert } from './helpers/notifier-fixtures.ts'

/** A local SMTP server (no TLS, login required) keeping every message it accepts. */
let server: SMTPServer
let port = 0
const inbox: { to: string[]; mail: ParsedMail }[] = []

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'orderlens' && auth.password === 'mail-pw') return callback(null, { user: auth.username })
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }))
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), mail })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()))
})

function mailer(password: string) {
  return createNotifier({
    kind: 'email',
    name: 'oncall-mail',
    smtp: { host: '127.0.0.1', port, secure: false, auth: { user: 'orderlens', pass: password } },
    from: 'OrderLens <alerts@orderlens.test>',
    to: ['oncall@shop.test', 'sre@shop.test'],
    subjectPrefix: '[OrderLens] ',
    timeoutMs: 5000,
  })
}

describe('e-mail over SMTP', () => {
  it('sends the alert with a subject, a plain-text and an HTML body, then the recovery', async () => {
    const notifier = mailer('mail-pw')
    const fired = await deliver(notifier, notificationOf([firingAlert({ annotations: { summary: 'Push <b>to</b> WMS fails', fix: 'Roll back' } })]), { retries: 0 })
    const resolved = await deliver(notifier, notificationOf([resolvedAlert()]), { retries: 0 })
    expect(fired.error).toBeUndefined()
    expect(resolved.ok).toBe(true)
    expect(inbox).toHaveLength(2)
    const [first, second] = inbox
    expect(first!.to).toEqual(['oncall@shop.test', 'sre@shop.test'])
    expect(first!.mail.from?.value[0]).toMatchObject({ name: 'OrderLens', address: 'alerts@orderlens.test' })
    expect(first!.mail.subject).toBe('[OrderLens] [告警 FIRING:1] WmsPushFailing')
    expect(first!.mail.text).toContain('问题 What: Push <b>to</b> WMS fails')
    expect(first!.mail.text).toContain('范围 Where: endpoint=/wms/push · warehouse=SH-01')
    expect(first!.mail.text).toContain('开始 Since: 2026-11-23 14:30:00 北京时间 China time (2026-11-23T06:30:00.000Z)')
    expect(first!.mail.text).toContain('处理 Fix: Roll back')
    // HTML escapes what the alert says; the evidence link is a link.
    expect(first!.mail.html).toContain('Push &lt;b&gt;to&lt;/b&gt; WMS fails')
    expect(first!.mail.html).toContain('<a href="http://orderlens.test/api/v1/findings?detector=wms_push">')
    expect(second!.mail.subject).toBe('[OrderLens] [已恢复 RESOLVED] WmsPushFailing')
    expect(second!.mail.text).toContain('持续 lasted 1h 15m')
  })

  it('records a refused login as a failure with the SMTP reply code, not retried', async () => {
    const before = inbox.length
    const result = await deliver(mailer('wrong'), notificationOf([firingAlert()]), { retries: 3, baseDelayMs: 10 })
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(1)
    expect(result.attempts[0]!.status).toBe(535)
    expect(result.error).toMatch(/^SMTP 127\.0\.0\.1:\d+ refused the message \[EAUTH\]: 535 .*credentials invalid/)
    expect(inbox).toHaveLength(before)
  })
})
