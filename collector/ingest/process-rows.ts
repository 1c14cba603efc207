import { createRowValidator, encodeRow, type EventKind, type RowContext, type RejectCode, type RowValidator } from '../../core/contracts/index.ts'
import type { BodyRow } from './parse-body.ts'
import type { RecentIds } from './recent-ids.ts'

export type RejectReason = 'malformed_json' | 'schema' | RejectCode

export interface RowError {
  line: number
  index: number
  field: string | null
  code: RejectReason
  reason: string
}

export interface ProcessedBatch {
  /** JSONEachRow text of the accepted rows, ready for the journal. */
  text: string
  accepted: number
  /** Rows whose event id was already accepted: acknowledged, not stored again. */
  duplicates: number
  errors: RowError[]
  /** Ids newly claimed in the recent-id window; released if the journal write fails. */
  claimedIds: string[]
}

const validators = new WeakMap<EventKind, RowValidator>()

function validatorFor(kind: EventKind): RowValidator {
  let v = validators.get(kind)
  if (!v) validators.set(kind, (v = createRowValidator(kind.schema)))
  return v
}

/**
 * Validates each row against its contract, turns valid ones into storage
 * rows and drops ids already accepted. Every row ends up in exactly one of:
 * accepted, duplicates, errors.
 */
export function processRows(kind: EventKind, rows: BodyRow[], ctx: RowContext, recent: RecentIds): ProcessedBatch {
  const validate = validatorFor(kind)
  const parts: string[] = []
  const errors: RowError[] = []
  const claimedIds: string[] = []
  const inBatch = new Set<string>()
  let duplicates = 0
  for (const row of rows) {
    if (row.malformed !== undefined) {
      errors.push({ line: row.line, index: row.index, field: null, code: 'malformed_json', reason: row.malformed })
      continue
    }
    const invalid = validate(row.value)
    if (invalid) {
      errors.push({ line: row.line, index: row.index, field: invalid.field, code: 'schema', reason: invalid.reason })
      continue
    }
    const result = kind.toRow(row.value as never, ctx)
    if (!result.ok) {
      errors.push({ line: row.line, index: row.index, field: result.field, code: result.code, reason: result.reason })
      continue
    }
    const id = result.row.event_id
    if (recent.has(id) || inBatch.has(id)) {
      duplicates += 1
      continue
    }
    inBatch.add(id)
    parts.push(encodeRow(kind, result.row))
  }
  for (const id of inBatch) {
    recent.add(id, ctx.ingestedAtMs)
    claimedIds.push(id)
  }
  return { text: parts.length ? parts.join('\n') + '\n' : '', accepted: parts.length, duplicates, errors, claimedIds }
}
