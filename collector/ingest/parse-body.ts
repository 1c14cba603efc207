import { isUtf8 } from 'node:buffer'
import { parse as parseTolerant, type ParseError } from 'jsonc-parser'

/** One row of a request body, with where it stood, or why it could not be read. */
export interface BodyRow {
  /** 1-based line of the body the row starts on. */
  line: number
  /** 0-based position among the body's rows (array element or non-blank NDJSON line). */
  index: number
  value?: unknown
  malformed?: string
}

export class MalformedBodyError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Reads NDJSON (one JSON object per line; blank lines ignored) or a single
 * JSON array. An NDJSON line that is not JSON becomes a rejected row naming
 * its line; a broken JSON array fails the whole body, naming the line.
 */
export function parseBody(body: Buffer): { rows: BodyRow[]; text: string } {
  // Bytes that are not UTF-8 (a GBK or latin1 client) would be silently turned into U+FFFD; refuse them instead.
  const valid = isUtf8(body)
  const text = body.toString('utf8')
  const start = firstNonBlank(text)
  if (start === -1) return { rows: [], text }
  if (text.charCodeAt(start) === 0x5b /* [ */) {
    if (!valid) {
      const line = firstInvalidUtf8Line(body)
      throw new MalformedBodyError(line, `line ${line} is not valid UTF-8; send the body in UTF-8`)
    }
    return { rows: parseArray(text), text }
  }
  return { rows: parseNdjson(text, valid ? undefined : invalidUtf8Lines(body)), text }
}

function parseNdjson(text: string, badLines?: Set<number>): BodyRow[] {
  const rows: BodyRow[] = []
  let line = 0
  let from = 0
  while (from <= text.length) {
    let to = text.indexOf('\n', from)
    if (to === -1) to = text.length
    line += 1
    const content = text.slice(from, to).trim()
    if (content && badLines?.has(line)) {
      rows.push({ line, index: rows.length, malformed: 'not valid UTF-8; send the body in UTF-8 (rare characters such as 𠮷 need 4-byte UTF-8)' })
    } else if (content) {
      try {
        rows.push({ line, index: rows.length, value: JSON.parse(content) })
      } catch (err) {
        rows.push({ line, index: rows.length, malformed: `malformed JSON: ${(err as Error).message}` })
      }
    }
    from = to + 1
  }
  return rows
}

function parseArray(text: string): BodyRow[] {
  let values: unknown
  try {
    values = JSON.parse(text)
  } catch (err) {
    // V8's messages do not always carry the offset; a tolerant parser finds where it broke.
    const errors: ParseError[] = []
    parseTolerant(text, errors, { allowTrailingComma: false, disallowComments: true })
    const line = errors.length > 0 ? lineAt(text, errors[0]!.offset) : 1
    throw new MalformedBodyError(line, `malformed JSON at line ${line}: ${(err as Error).message}`)
  }
  if (!Array.isArray(values)) throw new MalformedBodyError(1, 'expected a JSON array or NDJSON')
  // Line numbers are found lazily (only rejected rows need them) by elementLines().
  return values.map((value, index) => ({ line: 0, index, value }))
}

/** Lines on which each top-level element of a JSON array starts. */
export function elementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectElement = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a) line += 1
    if (inString) {
      if (c === 0x5c) i += 1
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
    if (expectElement && depth === 1 && c !== 0x5d) {
      lines.push(line)
      expectElement = false
    }
    if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      depth += 1
      if (depth === 1) expectElement = true
    } else if (c === 0x5d || c === 0x7d) depth -= 1
    else if (c === 0x2c && depth === 1) expectElement = true
  }
  return lines
}

function invalidUtf8Lines(body: Buffer): Set<number> {
  const bad = new Set<number>()
  let line = 1
  let from = 0
  while (from <= body.length) {
    let to = body.indexOf(0x0a, from)
    if (to === -1) to = body.length
    if (!isUtf8(body.subarray(from, to))) bad.add(line)
    line += 1
    from = to + 1
  }
  return bad
}

function firstInvalidUtf8Line(body: Buffer): number {
  return Math.min(...invalidUtf8Lines(body))
}

function lineAt(text: string, position: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line += 1
  return line
}

function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i
  }
  return -1
}
