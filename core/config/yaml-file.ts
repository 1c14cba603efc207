import { readFileSync } from 'node:fs'
import type { TSchema } from '@sinclair/typebox'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { createRowValidator } from '../contracts/index.ts'

/** A bad configuration file (rules, routing, playbooks …): names the file, the line and the field, and says why. */
export class YamlFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${field}: ${reason}`)
  }
}

/** A parsed YAML file that can say on which line any of its fields stands. */
export interface YamlFile {
  value: unknown
  /** The line of the field at a JSON pointer, or of its nearest existing parent (a missing field is reported where it belongs). */
  lineOf(pointer: string): number
  fail(field: string, reason: string): YamlFileError
}

/** Parses a YAML file keeping its lines; a syntax error is a YamlFileError at its line. */
export function parseYamlFile(file: string, text = readFileSync(file, 'utf8')): YamlFile {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  if (doc.errors.length) {
    const e = doc.errors[0]!
    throw new YamlFileError(file, lines.linePos(e.pos[0]).line, '/', e.message.split('\n')[0]!)
  }
  const lineOf = (pointer: string) => nodeLine(doc, lines, pointer)
  return { value: doc.toJS() as unknown, lineOf, fail: (field, reason) => new YamlFileError(file, lineOf(field), field, reason) }
}

/** A YAML file checked against its schema, with `fail` to report what later checks find. */
export function readCheckedYaml<T>(file: string, schema: TSchema, text?: string): { value: T; fail(field: string, reason: string): YamlFileError } {
  const parsed = parseYamlFile(file, text)
  const failure = createRowValidator(schema)(parsed.value)
  if (failure) throw parsed.fail(failure.field, failure.reason)
  return { value: parsed.value as T, fail: parsed.fail }
}

function nodeLine(doc: Document, lines: LineCounter, pointer: string): number {
  const parts = pointer.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s))
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true)
    const range = (node as { range?: [number, number, number] } | undefined)?.range
    if (range) return lines.linePos(range[0]).line
  }
  return 1
}
