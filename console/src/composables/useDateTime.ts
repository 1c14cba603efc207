import { useI18n } from 'vue-i18n'

/** Dates and times in the console's language (not the browser's), from epoch ms or any Date.parse-able text. */
export function useDateTime() {
  const { locale } = useI18n()
  const toMs = (at: number | string) => (typeof at === 'number' ? at : Date.parse(at))
  return {
    dateTime: (at: number | string | null | undefined) => (at === null || at === undefined || at === '' ? '' : new Date(toMs(at)).toLocaleString(locale.value)),
  }
}
