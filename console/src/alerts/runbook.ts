/**
 * The rules' runbook links are repository paths (docs/RUNBOOK.md#<section>), which no browser can open. The
 * runbook ships with the console instead (imported as text, in a chunk loaded on the first click) and the
 * alert's section is shown in place.
 */
const RUNBOOK_PATH = /(?:^|\/)docs\/RUNBOOK\.md#([a-z0-9_-]+)$/i

/** The section a runbook link names, or null for a link to elsewhere. */
export const runbookAnchor = (url: string): string | null => RUNBOOK_PATH.exec(url)?.[1]?.toLowerCase() ?? null

/** GitHub's heading anchor: lower case, spaces to dashes, punctuation dropped. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s+/g, '-')

/** The text under the heading whose anchor is `anchor`, up to the next heading of the same or a higher level. */
export function runbookSection(markdown: string, anchor: string): string | null {
  const lines = markdown.split('\n')
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && slug(l.replace(/^#+/, '')) === anchor)
  if (start < 0) return null
  const level = /^#+/.exec(lines[start]!)![0].length
  const end = lines.findIndex((l, i) => i > start && /^#{1,6}\s/.test(l) && /^#+/.exec(l)![0].length <= level)
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim()
}

/** Markdown's wrapped lines joined into paragraphs (shown as plain text); list items and blank lines kept. */
export const reflow = (text: string) => text.replace(/([^\n])\n(?!\n|\s*(?:[-*+]|\d+\.)\s|#)/g, '$1 ')

let runbook: Promise<string> | undefined
/** docs/RUNBOOK.md as text, fetched once. */
export const loadRunbook = () => (runbook ??= import('../../../docs/RUNBOOK.md?raw').then((m) => m.default))
