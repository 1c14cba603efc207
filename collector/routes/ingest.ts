import type {} from '@fastify/swagger'
import { createGunzip } from 'node:zlib'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { KIND_NAMES, type KindName } from '../../core/contracts/index.ts'
import { BackpressureError, type IngestService } from '../ingest/ingest-service.ts'
import { MalformedBodyError } from '../ingest/parse-body.ts'
import type { CollectorMetrics } from '../metrics.ts'

interface IngestRouteOptions {
  service: IngestService
  metrics: CollectorMetrics
  bodyLimit: number
  authenticate: (request: FastifyRequest, reply: import('fastify').FastifyReply) => Promise<unknown>
}

const BODY_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json', 'text/plain']

const RowErrorSchema = {
  type: 'object',
  properties: {
    line: { type: 'integer', description: '1-based line of the body where the row starts' },
    index: { type: 'integer', description: '0-based position of the row in the body' },
    field: { type: ['string', 'null'], description: 'JSON pointer of the offending field' },
    code: { type: 'string' },
    reason: { type: 'string' },
  },
}

const ErrorSchema = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
}

const IngestResponseSchema = {
  type: 'object',
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer', description: 'Rows whose event id was already accepted; acknowledged, stored once' },
    rejected: { type: 'integer' },
    errors: { type: 'array', items: RowErrorSchema },
    errors_truncated: { type: 'boolean' },
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    line: { type: 'integer', description: 'Line of a body that could not be read at all' },
  },
}

/** POST /api/v1/ingest/{orders,calls,jobs,queues,queries}: NDJSON or a JSON array, optionally gzip. */
export async function ingestRoutes(app: FastifyInstance, opts: IngestRouteOptions): Promise<void> {
  // Bodies are read raw here; the service parses them row by row so one bad row cannot sink a batch.
  app.addContentTypeParser(BODY_TYPES, { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body))

  for (const kind of KIND_NAMES) {
    app.post(
      `/api/v1/ingest/${kind}`,
      {
        bodyLimit: opts.bodyLimit,
        onRequest: opts.authenticate,
        preParsing: async (request, _reply, payload) => decodeContentEncoding(request, payload),
        schema: {
          summary: `Ingest ${kind} events`,
          description: `NDJSON (one event per line) or a JSON array of ${kind} events; Content-Encoding: gzip accepted. The contract is at GET /api/v1/schema.`,
          tags: ['ingest'],
          security: [{ bearer: [] }],
          response: { 200: IngestResponseSchema, 400: IngestResponseSchema, 503: ErrorSchema },
        },
      },
      async (request, reply) => {
        const started = performance.now()
        const body = request.body as Buffer | undefined
        try {
          if (!body || body.length === 0) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'empty body: send NDJSON or a JSON array of events' })
          const result = await opts.service.ingest(kind as KindName, body, request.sourceSystem!)
          const status = result.accepted + result.duplicates === 0 && result.rejected > 0 ? 400 : 200
          opts.metrics.ackSeconds.observe({ kind }, (performance.now() - started) / 1000)
          return reply.code(status).send(result)
        } catch (err) {
          if (err instanceof MalformedBodyError) {
            return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: err.message, line: err.line })
          }
          if (err instanceof BackpressureError) {
            return reply.code(503).header('Retry-After', String(err.retryAfterSeconds)).send({ statusCode: 503, error: 'Service Unavailable', message: err.message })
          }
          throw err
        } finally {
          opts.metrics.requests.inc({ kind, status: String(reply.statusCode) })
        }
      },
    )
  }
}

async function decodeContentEncoding(request: FastifyRequest, payload: NodeJS.ReadableStream & { receivedEncodedLength?: number }) {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim()
  if (encoding === 'identity') return payload
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw Object.assign(new Error(`unsupported Content-Encoding '${encoding}'; use gzip or none`), { statusCode: 415 })
  }
  const gunzip = createGunzip() as ReturnType<typeof createGunzip> & { receivedEncodedLength: number }
  gunzip.receivedEncodedLength = 0
  // Fastify checks Content-Length against the encoded bytes and bodyLimit against the decoded ones (zip bombs).
  payload.on('data', (chunk: Buffer) => (gunzip.receivedEncodedLength += chunk.length))
  payload.on('error', (err) => gunzip.destroy(err))
  payload.pipe(gunzip)
  gunzip.on('error', (err: Error & { statusCode?: number }) => {
    err.statusCode = 400
    err.message = `gzip body could not be decoded: ${err.message}`
  })
  return gunzip
}
