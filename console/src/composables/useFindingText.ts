import { useI18n } from 'vue-i18n'
import { apiLang } from '../i18n/index.ts'

/**
 * The Chinese on zh-CN when there is one, else the English. The API sends
 * both for findings, tickets and alerts; records made before the Chinese
 * existed (findings before migration 014, their tickets and alerts) have ''
 * or nothing there and show their English rather than a blank.
 */
export function localized(en: string, zh: string | undefined, locale: string): string {
  return (apiLang(locale) === 'zh' && zh) || en
}

type Texts = { summary: string; summary_zh?: string; fix: string; fix_zh?: string }

/** A finding's (or its ticket's) summary and fix in the console's language. */
export function findingText(f: Texts, locale: string): { summary: string; fix: string } {
  return { summary: localized(f.summary, f.summary_zh, locale), fix: localized(f.fix, f.fix_zh, locale) }
}

/**
 * Texts and pattern names of findings in the current locale, for every page
 * that shows findings or what they raised (sync health, trace, tickets, alerts).
 */
export function useFindingText() {
  const { t, te, locale } = useI18n()
  return {
    text: (f: Texts) => findingText(f, locale.value),
    localized: (en: string, zh: string | undefined) => localized(en, zh, locale.value),
    /** A pattern's name (console/src/i18n/patterns.ts); a pattern the console does not know yet shows its id. */
    patternName: (pattern: string) => (te(`patterns.${pattern}`) ? t(`patterns.${pattern}`) : pattern),
  }
}
