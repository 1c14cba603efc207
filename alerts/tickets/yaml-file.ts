import { readFileSync } from 'node:fs'
import type { TSchema } from '@sinclair/typebox'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { createRowValidator } from '../../core/contracts/index.ts'

/** A bad tickets configuration file: names the file, the line and the field, and says why. */
export class TicketConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${field}: ${reason}`)
  }
}

/** A parsed YAML file checked against its schema, with a way to name the line of any field for later checks. */
export interface CheckedYaml<T> {
  value: T
  fail(field: string, reason: string): TicketConfigError
}

export function readCheckedYaml<T>(file: string, schema: TSchema, text = readFileSync(file, 'utf8')): CheckedYaml<T> {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  if (doc.errors.length) {
    const e = doc.errors[0]!
    throw new TicketConfigError(file, lines.linePos(e.pos[0]).line, '/', e.message.split('\n')[0]!)
  }
  const fail = (field: string, reason: string) => new TicketConfigError(file, lineOf(doc, lines, field), field, reason)
  const value = doc.toJS() as unknown
  const failure = createRowValidator(schema)(value)
  if (failure) throw fail(failure.field, failure.reason)
  return { value: value as T, fail }
}

/** The line of the node at a JSON pointer, or of its nearest existing parent. */
function lineOf(doc: Document, lines: LineCounter, pointer: string): number {
  const parts = pointer.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s))
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true)
    const range = (node as { range?: [number, number, number] } | undefined)?.range
    if (range) return lines.linePos(range[0]).line
  }
  return 1
}
