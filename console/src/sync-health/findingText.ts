import { useI18n } from 'vue-i18n'
import { apiLang } from '../i18n/index.ts'
import type { Finding } from './types.ts'

type Texts = Pick<Finding, 'summary' | 'summary_zh' | 'fix' | 'fix_zh'>

/**
 * A finding's summary and fix in the console's language. Findings stored
 * before the detectors wrote Chinese (migration 014) have '' there: they
 * show their English rather than nothing.
 */
export function findingText(f: Texts, locale: string): { summary: string; fix: string } {
  const zh = apiLang(locale) === 'zh'
  return { summary: (zh && f.summary_zh) || f.summary, fix: (zh && f.fix_zh) || f.fix }
}

/** Texts and pattern names of findings in the current locale, for any page that lists findings. */
export function useFindingText() {
  const { t, te, locale } = useI18n()
  return {
    text: (f: Texts) => findingText(f, locale.value),
    /** A pattern's name; a pattern the console does not know yet shows its id. */
    patternName: (pattern: string) => (te(`syncHealth.patterns.${pattern}`) ? t(`syncHealth.patterns.${pattern}`) : pattern),
  }
}
