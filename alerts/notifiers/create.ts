import { alertmanagerNotifier } from './alertmanager.ts'
import { parseReceiverConfig, type ReceiverConfig } from './config.ts'
import { dingtalkNotifier } from './dingtalk.ts'
import { emailNotifier } from './email.ts'
import { feishuNotifier } from './feishu.ts'
import type { Notifier } from './types.ts'
import { webhookNotifier } from './webhook.ts'
import { wecomNotifier } from './wecom.ts'

/** Validate a receiver's configuration (throws a ReceiverConfigError naming the field) and build its notifier. */
export function createNotifier(raw: unknown): Notifier {
  const config: ReceiverConfig = parseReceiverConfig(raw)
  switch (config.kind) {
    case 'webhook':
      return webhookNotifier(config)
    case 'wecom':
      return wecomNotifier(config)
    case 'dingtalk':
      return dingtalkNotifier(config)
    case 'feishu':
      return feishuNotifier(config)
    case 'email':
      return emailNotifier(config)
    case 'alertmanager':
      return alertmanagerNotifier(config)
  }
}
