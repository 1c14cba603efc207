import { alertmanagerNotifier } from './alertmanager.ts'
import { ReceiverConfigError, parseReceiverConfig, type ReceiverConfig } from './config.ts'
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

/** Build every configured receiver, by name; a bad entry is named by its position and name, a repeated name is refused. */
export function createNotifiers(configs: unknown[]): Map<string, Notifier> {
  const notifiers = new Map<string, Notifier>()
  for (const [index, raw] of configs.entries()) {
    let notifier: Notifier
    try {
      notifier = createNotifier(raw)
    } catch (error) {
      throw new ReceiverConfigError(`receivers[${index}]: ${(error as Error).message}`)
    }
    if (notifiers.has(notifier.name)) throw new ReceiverConfigError(`receivers[${index}]: the name "${notifier.name}" is used by another receiver`)
    notifiers.set(notifier.name, notifier)
  }
  return notifiers
}
