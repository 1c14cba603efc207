/** Fills `{{ name }}` placeholders from `values`; an unknown name is left as written, so a typo shows. */
export function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])))
}

export function fillAll(templates: Record<string, string> | undefined, values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(templates ?? {}).map(([k, v]) => [k, fill(v, values)]))
}

/** The English annotations that have a Chinese twin (`summary_zh`, `description_zh`) the console shows on zh-CN. */
const BILINGUAL = ['summary', 'description'] as const

/**
 * A signal's annotations: the engine's defaults (English and Chinese), then
 * the rule's own templates filled. A rule that writes its own English text
 * but not the Chinese twin drops the default Chinese, so the Chinese console
 * never says something other than the rule's English (it shows the English).
 * An empty Chinese text (a finding stored before it had one) is left out.
 */
export function annotate(defaults: Record<string, string>, templates: Record<string, string> | undefined, values: Record<string, unknown>): Record<string, string> {
  const out = { ...defaults }
  for (const key of BILINGUAL) if (templates?.[key] !== undefined && templates[`${key}_zh`] === undefined) delete out[`${key}_zh`]
  const filled = { ...out, ...fillAll(templates, values) }
  return Object.fromEntries(Object.entries(filled).filter(([k, v]) => !(k.endsWith('_zh') && v === '')))
}
