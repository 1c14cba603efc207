/**
 * Message text shared by every human-facing channel (chat robots, e-mail):
 * what is wrong, where, since when, how bad, what to do, and the evidence;
 * for a recovery, that it recovered and how long it lasted. Chinese labels
 * stand next to the English ones so either reader finds their way.
 */
import type { Alert, Notification } from './types.ts'

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' })
/** Labels that are the alert's identity or level rather than where it happens. */
const NOT_SCOPE = new Set(['alertname', 'severity'])

/** One alert reduced to the sentences a reader needs. */
export interface AlertView {
  firing: boolean
  name: string
  severity: string
  summary: string
  /** "channel=tmall · endpoint=/push", or "" when the alert is global. */
  scope: string
  /** Start in China time, then ISO. */
  since: string
  /** How long it has been firing, or how long it lasted once resolved. */
  duration: string
  /** End in China time, then ISO (resolved alerts). */
  ended?: string
  fix?: string
  description?: string
  runbook?: string
  evidence?: string
}

export function viewAlert(alert: Alert, now: Date = new Date()): AlertView {
  const firing = alert.status === 'firing'
  const start = new Date(alert.startsAt)
  const end = firing ? now : new Date(alert.endsAt)
  const a = alert.annotations
  return {
    firing,
    name: alert.labels.alertname ?? '(unnamed alert)',
    severity: alert.labels.severity ?? 'unknown',
    summary: a.summary ?? a.description ?? alert.labels.alertname ?? '',
    scope: Object.entries(alert.labels)
      .filter(([key]) => !NOT_SCOPE.has(key))
      .map(([key, value]) => `${key}=${value}`)
      .join(' · '),
    since: chinaAndIso(start),
    duration: formatDuration(end.getTime() - start.getTime()),
    ...(firing ? {} : { ended: chinaAndIso(end) }),
    ...optional('fix', a.fix),
    ...optional('description', a.summary !== undefined ? a.description : undefined),
    ...optional('runbook', a.runbook_url),
    ...optional('evidence', alert.generatorURL),
  }
}

/** "[告警 FIRING:2] OrderSyncFailing channel=tmall" — Alertmanager's default title, with the group's labels. */
export function titleOf(n: Notification): string {
  const firing = n.alerts.filter((a) => a.status === 'firing').length
  const state = n.status === 'firing' ? `告警 FIRING:${firing + (n.truncatedAlerts ?? 0)}` : '已恢复 RESOLVED'
  const names = [...new Set(n.alerts.map((a) => a.labels.alertname ?? ''))].filter(Boolean)
  const group = Object.entries(n.groupLabels).filter(([key]) => key !== 'alertname').map(([k, v]) => `${k}=${v}`)
  return [`[${state}]`, names.join(', ') || n.commonLabels.alertname || n.receiver, ...group].join(' ')
}

export interface MarkdownOptions {
  /** DingTalk needs a blank line to break a line; WeCom and Feishu take "\n". */
  lineBreak?: string
  /** The service's message size limit in UTF-8 bytes; alerts past it are counted, not cut in half. */
  maxBytes?: number
  /** Leave the title out (Feishu shows it in the card header). */
  withoutTitle?: boolean
}

/** The markdown subset WeCom, DingTalk and Feishu all render: bold, links, plain lines. */
export function renderMarkdown(n: Notification, options: MarkdownOptions = {}, now: Date = new Date()): string {
  const br = options.lineBreak ?? '\n'
  const head = options.withoutTitle ? [] : [`**${titleOf(n)}**`]
  const blocks = n.alerts.map((alert) => markdownLines(viewAlert(alert, now)).join(br))
  return fitBlocks(head, blocks, `${br}${br}`, n.truncatedAlerts, options.maxBytes ?? Infinity)
}

function markdownLines(v: AlertView): string[] {
  const lines = [
    v.firing ? `**🔴 告警 FIRING · ${v.severity} · ${v.name}**` : `**✅ 已恢复 RESOLVED · ${v.name}**`,
    `**问题 What:** ${v.summary}`,
  ]
  if (v.scope) lines.push(`**范围 Where:** ${v.scope}`)
  lines.push(`**开始 Since:** ${v.since}${v.firing ? ` · 已持续 for ${v.duration}` : ''}`)
  if (v.ended) lines.push(`**恢复 Resolved:** ${v.ended} · 持续 lasted ${v.duration}`)
  if (v.fix) lines.push(`**处理 Fix:** ${v.fix}`)
  if (v.description) lines.push(`**说明 Details:** ${v.description}`)
  if (v.evidence) lines.push(`**证据 Evidence:** [${v.evidence}](${v.evidence})`)
  if (v.runbook) lines.push(`**手册 Runbook:** [${v.runbook}](${v.runbook})`)
  return lines
}

/** Plain text for e-mail and for chat channels that take no markup. */
export function renderText(n: Notification, now: Date = new Date()): string {
  const blocks = n.alerts.map((alert) => textLines(viewAlert(alert, now)).join('\n'))
  return fitBlocks([titleOf(n)], blocks, '\n\n', n.truncatedAlerts, Infinity)
}

function textLines(v: AlertView): string[] {
  return rows(v).map(([label, value]) => `${label}: ${value}`)
}

/** A small HTML page for e-mail: one table per alert; every value escaped. */
export function renderHtml(n: Notification, now: Date = new Date()): string {
  const tables = n.alerts.map((alert) => {
    const v = viewAlert(alert, now)
    const color = v.firing ? '#c62828' : '#2e7d32'
    const body = rows(v)
      .map(([label, value]) => `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${linkOrText(value)}</td></tr>`)
      .join('')
    return `<table style="border-left:4px solid ${color};margin:12px 0;padding-left:8px">${body}</table>`
  })
  const more = n.truncatedAlerts > 0 ? `<p>${escapeHtml(moreLine(n.truncatedAlerts))}</p>` : ''
  return `<!doctype html><html><body><h3>${escapeHtml(titleOf(n))}</h3>${tables.join('')}${more}</body></html>`
}

/** The labelled facts of an alert, in reading order (text and HTML share them). */
function rows(v: AlertView): [string, string][] {
  const out: [string, string][] = [[v.firing ? '告警 FIRING' : '已恢复 RESOLVED', `${v.name} (${v.severity})`], ['问题 What', v.summary]]
  if (v.scope) out.push(['范围 Where', v.scope])
  out.push(['开始 Since', v.since])
  out.push(v.firing ? ['已持续 Firing for', v.duration] : ['恢复 Resolved', `${v.ended} · 持续 lasted ${v.duration}`])
  if (v.fix) out.push(['处理 Fix', v.fix])
  if (v.description) out.push(['说明 Details', v.description])
  if (v.evidence) out.push(['证据 Evidence', v.evidence])
  if (v.runbook) out.push(['手册 Runbook', v.runbook])
  return out
}

/** "2026-11-23 16:02:00 北京时间 China time (2026-11-23T08:02:00.000Z)" */
export function chinaAndIso(time: Date): string {
  if (Number.isNaN(time.getTime())) return '(unknown time)'
  return `${CHINA_TIME.format(time)} 北京时间 China time (${time.toISOString()})`
}

/** "1h 23m", "45s", "2d 3h": the two largest units are enough to judge an incident. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0s'
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]]
  const parts: string[] = []
  let rest = ms
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`)
    if (parts.length === 2) break
  }
  const shown = parts.filter((p, i) => i === 0 || !p.startsWith('0'))
  return shown.length > 0 ? shown.join(' ') : '0s'
}

/** Join head and blocks within a byte budget; blocks that do not fit are counted in a closing line. */
function fitBlocks(head: string[], blocks: string[], separator: string, alreadyLeftOut: number, maxBytes: number): string {
  const kept = [...head]
  let size = byteLength(kept.join(separator))
  let leftOut = alreadyLeftOut
  for (const [index, block] of blocks.entries()) {
    const remaining = blocks.length - index - 1 + alreadyLeftOut
    const reserve = remaining > 0 ? byteLength(separator + moreLine(remaining)) : 0
    const added = byteLength((kept.length > 0 ? separator : '') + block)
    if (size + added + reserve > maxBytes && kept.length > head.length) {
      leftOut += blocks.length - index
      break
    }
    kept.push(size + added > maxBytes ? cutToBytes(block, maxBytes - size - byteLength(separator)) : block)
    size += added
  }
  if (leftOut > 0) kept.push(moreLine(leftOut))
  return kept.join(separator)
}

function moreLine(count: number): string {
  return `… 另有 ${count} 条告警未列出 and ${count} more alert(s) not shown`
}

function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length <= maxBytes) return text
  // Drop a trailing partial character rather than send a broken one.
  return bytes.subarray(0, Math.max(0, maxBytes - 3)).toString('utf8').replace(/\uFFFD+$/, '') + '…'
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {}
}

function linkOrText(value: string): string {
  const safe = escapeHtml(value)
  return /^https?:\/\//.test(value) ? `<a href="${safe}">${safe}</a>` : safe
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
