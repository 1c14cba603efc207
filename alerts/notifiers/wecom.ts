/** WeCom (企业微信) group robot: a markdown message; the answer's errcode says whether it was taken. */
import type { WeComReceiver } from './config.ts'
import { renderMarkdown } from './format.ts'
import { expectZeroCode, postJson } from './http.ts'
import type { Notifier } from './types.ts'

/** WeCom refuses markdown content over 4096 bytes. */
const MAX_CONTENT_BYTES = 4096

export function wecomNotifier(config: WeComReceiver): Notifier {
  return {
    kind: 'wecom',
    name: config.name,
    async send(n) {
      const body = { msgtype: 'markdown', markdown: { content: renderMarkdown(n, { maxBytes: MAX_CONTENT_BYTES }) } }
      const answer = await postJson(config.url, body, { timeoutMs: config.timeoutMs })
      expectZeroCode(config.url, answer, ['errcode'], ['errmsg'])
    },
  }
}
