import { createI18n } from 'vue-i18n'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'orderlens.locale'

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'zh-CN') return saved
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

export function createConsoleI18n(locale: Locale = initialLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en, 'zh-CN': zhCN } })
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** The API's names come as {en, zh}. */
export const apiLang = (locale: string): 'en' | 'zh' => (locale.startsWith('zh') ? 'zh' : 'en')
