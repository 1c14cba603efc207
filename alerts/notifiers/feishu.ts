/** Feishu (飞书 / Lark) custom bot: an interactive card (or plain text), signed when the bot uses 签名校验. */
import { createHmac } from 'node:crypto'
import type { FeishuReceiver } from './config.ts'
import { renderMarkdown, renderText, titleOf } from './format.ts'
import { expectZeroCode, postJson } from './http.ts'
import type { Notification, Notifier } from './types.ts'

/** Feishu takes request bodies up to 20 KB; leave room for the card's frame. */
const MAX_CONTENT_BYTES = 16_000

/**
 * Feishu's signature: base64(HmacSHA256(key = timestamp + "\n" + secret, message = empty)),
 * timestamp in seconds; both go in the JSON body. Feishu refuses a timestamp more than an hour off.
 */
export function feishuSignature(secret: string, nowMs: number = Date.now()): { timestamp: string; sign: string } {
  const timestamp = String(Math.floor(nowMs / 1000))
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64')
  return { timestamp, sign }
}

export function feishuMessage(n: Notification, messageType: 'interactive' | 'text'): Record<string, unknown> {
  if (messageType === 'text') return { msg_type: 'text', content: { text: renderText(n) } }
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: titleOf(n) }, template: headerColor(n) },
      elements: [{ tag: 'div', text: { tag: 'lark_md', content: renderMarkdown(n, { withoutTitle: true, maxBytes: MAX_CONTENT_BYTES }) } }],
    },
  }
}

export function feishuNotifier(config: FeishuReceiver): Notifier {
  return {
    kind: 'feishu',
    name: config.name,
    async send(n) {
      const signature = config.secret ? feishuSignature(config.secret) : {}
      const body = { ...signature, ...feishuMessage(n, config.messageType ?? 'interactive') }
      const answer = await postJson(config.url, body, { timeoutMs: config.timeoutMs })
      expectZeroCode(config.url, answer, ['code', 'StatusCode'], ['msg', 'StatusMessage'])
    },
  }
}

function headerColor(n: Notification): string {
  if (n.status === 'resolved') return 'green'
  return n.alerts.some((a) => a.status === 'firing' && a.labels.severity === 'critical') ? 'red' : 'orange'
}
