/** DingTalk (钉钉) robot: a markdown message, signed when the robot uses 加签; the answer's errcode says whether it was taken. */
import { createHmac } from 'node:crypto'
import type { DingTalkReceiver } from './config.ts'
import { renderMarkdown, titleOf } from './format.ts'
import { expectZeroCode, postJson } from './http.ts'
import type { Notifier } from './types.ts'

/** DingTalk's markdown limit is about 20,000 bytes; keep a margin for the title and @-mentions. */
const MAX_TEXT_BYTES = 18_000

/**
 * DingTalk's 加签: sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))),
 * timestamp in milliseconds; both appended to the webhook URL. DingTalk refuses a timestamp more than an hour off.
 */
export function dingtalkSignedUrl(url: string, secret: string, nowMs: number = Date.now()): string {
  const timestamp = String(nowMs)
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64')
  return `${url}&timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`
}

export function dingtalkNotifier(config: DingTalkReceiver): Notifier {
  const mentions = (config.atMobiles ?? []).map((mobile) => `@${mobile}`).join(' ')
  return {
    kind: 'dingtalk',
    name: config.name,
    async send(n) {
      // DingTalk breaks markdown lines only at blank lines; a mobile is @-mentioned only when it appears in the text.
      const text = renderMarkdown(n, { lineBreak: '\n\n', maxBytes: MAX_TEXT_BYTES }) + (mentions ? `\n\n${mentions}` : '')
      const body = {
        msgtype: 'markdown',
        markdown: { title: titleOf(n), text },
        at: { atMobiles: config.atMobiles ?? [], isAtAll: config.atAll ?? false },
      }
      const url = config.secret ? dingtalkSignedUrl(config.url, config.secret) : config.url
      const answer = await postJson(url, body, { timeoutMs: config.timeoutMs })
      expectZeroCode(url, answer, ['errcode'], ['errmsg'])
    },
  }
}
