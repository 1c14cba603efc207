/** Fills `{{ name }}` placeholders from `values`; an unknown name is left as written, so a typo shows. */
export function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])))
}

export function fillAll(templates: Record<string, string> | undefined, values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(templates ?? {}).map(([k, v]) => [k, fill(v, values)]))
}
