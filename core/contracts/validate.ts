import { isIP } from 'node:net'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'

// ajv-formats ships CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

export interface ValidationFailure {
  /** JSON pointer of the offending field, e.g. /items/0/qty */
  field: string
  reason: string
}

export type RowValidator = (value: unknown) => ValidationFailure | null

/** Compiles a contract once; each call reports the first violation with the field it concerns. */
export function createRowValidator(schema: TSchema): RowValidator {
  const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false })
  addFormats(ajv, ['date-time'])
  ajv.addFormat('ip', (s: string) => isIP(s) !== 0)
  const validate: ValidateFunction = ajv.compile(schema)
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { field: '/', reason: 'each row must be a JSON object' }
    }
    if (validate(value)) return null
    return describe(validate.errors?.[0])
  }
}

function describe(error: ErrorObject | undefined): ValidationFailure {
  if (!error) return { field: '/', reason: 'invalid' }
  const at = error.instancePath
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return { field: `${at}/${String(p.missingProperty)}`, reason: 'is required' }
    case 'additionalProperties':
      return { field: `${at}/${String(p.additionalProperty)}`, reason: 'is not a field of this contract' }
    case 'enum':
      return { field: at, reason: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` }
    case 'format':
      return { field: at, reason: `must be a valid ${String(p.format)}${p.format === 'date-time' ? ' (RFC 3339 with offset, e.g. 2026-11-11T08:00:00+08:00)' : ''}` }
    default:
      return { field: at || '/', reason: error.message ?? error.keyword }
  }
}
