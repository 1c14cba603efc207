import { useI18n } from 'vue-i18n'
import { apiLang } from '../i18n/index.ts'
import { useFindingText } from '../composables/useFindingText.ts'
import type { Ticket } from './types.ts'

/** What a ticket's title is made of; the board rows, the ticket and similar tickets all have it. */
export interface Titled {
  title: string
  pattern: string
  scope_pairs: string[]
  summary_zh: string
}

/**
 * A ticket's title in the console's language. The stored title is English
 * ("pattern (scope): summary"); on zh-CN a ticket of a finding with a Chinese
 * summary reads "<pattern name>（scope）：<Chinese summary>". Tickets opened
 * by hand or before the Chinese existed keep their stored title.
 */
export function ticketTitle(t: Titled, locale: string, patternName: (pattern: string) => string): string {
  if (apiLang(locale) !== 'zh' || !t.summary_zh) return t.title
  return `${patternName(t.pattern)}${t.scope_pairs.length ? `（${t.scope_pairs.join(', ')}）` : ''}：${t.summary_zh}`
}

/** The detail's ticket as a Titled (its scope is an object there). */
export const titledTicket = (t: Ticket): Titled => ({ ...t, scope_pairs: Object.entries(t.scope).map(([k, v]) => `${k}=${v}`) })

/** Titles, summary/fix and pattern names of tickets in the current locale. */
export function useTicketText() {
  const { locale } = useI18n()
  const finding = useFindingText()
  return {
    ...finding,
    title: (t: Titled) => ticketTitle(t, locale.value, finding.patternName),
  }
}
