import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { readCheckedYaml } from '../../core/config/index.ts'

export const PLAYBOOKS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'playbooks.yml')

const PlaybookSchema = Type.Object(
  { title: Type.String({ minLength: 1 }), steps: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) },
  { additionalProperties: false },
)
const PlaybooksFileSchema = Type.Object(
  { playbooks: Type.Record(Type.String({ pattern: '^([a-z0-9_]+\\*?|\\*)$' }), PlaybookSchema) },
  { additionalProperties: false },
)

export interface Playbook extends Static<typeof PlaybookSchema> {
  /** The key it was found under (the pattern, a prefix with *, or *). */
  key: string
}

export interface Playbooks {
  /** The playbook of a pattern: exact, else the longest matching prefix, else `*`. */
  forPattern(pattern: string): Playbook
}

export function loadPlaybooks(file = PLAYBOOKS_FILE, text?: string): Playbooks {
  const { value, fail } = readCheckedYaml<Static<typeof PlaybooksFileSchema>>(file, PlaybooksFileSchema, text)
  const books = Object.entries(value.playbooks).map(([key, book]) => ({ key, ...book }))
  if (!books.some((b) => b.key === '*')) throw fail('/playbooks', "needs a catch-all playbook under '*'")
  return {
    forPattern(pattern) {
      const exact = books.find((b) => b.key === pattern)
      if (exact) return exact
      const prefixes = books.filter((b) => b.key.endsWith('*') && pattern.startsWith(b.key.slice(0, -1)))
      return prefixes.sort((a, b) => b.key.length - a.key.length)[0]!
    },
  }
}

let defaults: Playbooks | undefined
export const playbooks = (): Playbooks => (defaults ??= loadPlaybooks())
