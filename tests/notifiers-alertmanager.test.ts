import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ZERO_TIME, createNotifier, deliver, postableAlert, webhookPayload, type Alert } from '../alerts/notifiers/index.ts'
import { startReceiver, type Receiver } from '../testkit/receivers.ts'
import { firingAlert, notificationOf } from './helpers/notifier-fixtures.ts'

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on loopback, routing
 * everything to a local webhook: what we forward must come out of it as
 * Alertmanager's own notification, firing and then resolved.
 */
const BINARY = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager'

let dir: string
let child: ChildProcess | undefined
let amUrl: string
let hook: Receiver
const output: string[] = []

beforeAll(async () => {
  hook = await startReceiver()
  dir = mkdtempSync(path.join(tmpdir(), 'orderlens-am-'))
  const port = await freePort()
  amUrl = `http://127.0.0.1:${port}`
  writeFileSync(
    path.join(dir, 'alertmanager.yml'),
    [
      'route:',
      '  receiver: hook',
      "  group_by: ['alertname']",
      '  group_wait: 100ms',
      '  group_interval: 500ms',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: hook',
      '    webhook_configs:',
      `      - url: ${hook.url}/from-alertmanager`,
      '        send_resolved: true',
      '',
    ].join('\n'),
  )
  child = spawn(BINARY, [
    `--config.file=${path.join(dir, 'alertmanager.yml')}`,
    `--storage.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ])
  child.on('error', (error) => output.push(`cannot start ${BINARY}: ${error.message} (scripts/system-packages.sh installs it)`))
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  await waitReady(`${amUrl}/-/ready`, 15_000)
})

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child!.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
  }
  await hook?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('forwarding to a real Alertmanager', () => {
  const startsAt = new Date(Date.now() - 10 * 60_000).toISOString()
  const labels = { alertname: 'OrderLensForwardTest', severity: 'warning', channel: 'tmall', endpoint: '/wms/push' }
  const alert = (extra: Partial<Alert> = {}): Alert => firingAlert({ labels, startsAt, fingerprint: 'fwd-1', ...extra })

  it('delivers our firing alert to its webhook with our labels, annotations and evidence link, in the shape our own webhook sends', async () => {
    const notifier = createNotifier({ kind: 'alertmanager', name: 'central-am', url: amUrl })
    const result = await deliver(notifier, notificationOf([alert()]), { retries: 2, baseDelayMs: 200 })
    expect(result.ok, `${result.error}\n${output.join('')}`).toBe(true)

    const [request] = await hook.waitFor(1, 15_000)
    const payload = request!.json as ReturnType<typeof webhookPayload>
    expect(request!.url.pathname).toBe('/from-alertmanager')
    expect(payload).toMatchObject({ version: '4', status: 'firing', receiver: 'hook', groupLabels: { alertname: 'OrderLensForwardTest' } })
    expect(payload.alerts).toHaveLength(1)
    const received = payload.alerts[0]!
    expect(received.labels).toEqual(labels)
    expect(received.annotations).toEqual(alert().annotations)
    expect(received.generatorURL).toBe(alert().generatorURL)
    expect(Date.parse(received.startsAt)).toBe(Date.parse(startsAt))
    // Alertmanager marks a firing alert's end as the zero time, as our model does.
    expect(received.endsAt).toBe(ZERO_TIME)

    // Our generic webhook sends the same fields Alertmanager's own webhook does.
    const ours = webhookPayload(notificationOf([alert()]))
    expect(Object.keys(ours).sort()).toEqual(Object.keys(payload).sort())
    expect(Object.keys(ours.alerts[0]!).sort()).toEqual(Object.keys(received).sort())
  })

  it('resolves it when we forward it with its end time', async () => {
    const notifier = createNotifier({ kind: 'alertmanager', name: 'central-am', url: amUrl })
    const endsAt = new Date().toISOString()
    const result = await deliver(notifier, notificationOf([alert({ status: 'resolved', endsAt })]), { retries: 2, baseDelayMs: 200 })
    expect(result.ok, result.error).toBe(true)

    const requests = await hook.waitFor(2, 15_000)
    const payload = requests[1]!.json as ReturnType<typeof webhookPayload>
    expect(payload.status).toBe('resolved')
    expect(payload.alerts[0]!.labels).toEqual(labels)
    expect(payload.alerts[0]!.status).toBe('resolved')
    expect(Date.parse(payload.alerts[0]!.endsAt)).toBe(Date.parse(endsAt))
  })

  it('records Alertmanager’s refusal of an invalid alert with its HTTP status and reason', async () => {
    const notifier = createNotifier({ kind: 'alertmanager', name: 'central-am', url: amUrl })
    const result = await deliver(notifier, notificationOf([alert({ labels: {} })]), { retries: 2, baseDelayMs: 10 })
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(1) // 400: not retried
    expect(result.attempts[0]!.status).toBe(400)
    expect(result.error).toMatch(/\/api\/v2\/alerts answered HTTP 400: .*label/i)
  })
})

describe('postable alerts', () => {
  const now = new Date('2026-11-23T08:00:00.000Z')
  it('leave endsAt out while firing, or set it ahead when firingEndsAfterMs asks (as Prometheus does)', () => {
    expect(postableAlert(firingAlert(), undefined, now)).not.toHaveProperty('endsAt')
    expect(postableAlert(firingAlert(), 60_000, now).endsAt).toBe('2026-11-23T08:01:00.000Z')
  })
  it('carry the end time of a resolved alert, or now when it has none', () => {
    expect(postableAlert(firingAlert({ status: 'resolved', endsAt: '2026-11-23T07:59:00.000Z' }), 60_000, now).endsAt).toBe('2026-11-23T07:59:00.000Z')
    expect(postableAlert(firingAlert({ status: 'resolved' }), undefined, now).endsAt).toBe(now.toISOString())
    expect(Object.keys(postableAlert(firingAlert({ status: 'resolved' }), undefined, now)).sort()).toEqual(['annotations', 'endsAt', 'generatorURL', 'labels', 'startsAt'])
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error(`alertmanager exited (${child?.exitCode}): ${output.join('')}`)
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`alertmanager not ready at ${url} within ${timeoutMs} ms: ${output.join('')}`)
}
