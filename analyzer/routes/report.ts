import type { FastifyInstance } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { dailyConsistencyReport } from '../report/closed-days.ts'
import { REPORT_TIMEZONE } from '../report/consistency.ts'
import { reportCsv } from '../report/csv.ts'

interface ReportQuerystring {
  date: string
  format?: 'json' | 'csv'
}

/** GET /api/v1/reports/consistency?date=YYYY-MM-DD: the daily cross-system consistency report, as JSON or CSV. */
export async function reportRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get<{ Querystring: ReportQuerystring }>(
    '/api/v1/reports/consistency',
    {
      schema: {
        summary: `Daily cross-system consistency report per channel (a ${REPORT_TIMEZONE} day): landing success, duplicate and timeout rates, net orders after de-duplication`,
        description: 'JSON by default; CSV with `format=csv` or `Accept: text/csv`. A day closed over 2 h (by the clock and the newest stored event) is computed once and kept in the process.',
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          required: ['date'],
          additionalProperties: false,
          properties: {
            date: { type: 'string', format: 'date', description: `Calendar day in ${REPORT_TIMEZONE} time, YYYY-MM-DD` },
            format: { type: 'string', enum: ['json', 'csv'] },
          },
        },
      },
    },
    async (request, reply) => {
      const report = await dailyConsistencyReport(opts.store, request.query.date)
      const wantsCsv = request.query.format === 'csv' || (!request.query.format && /\btext\/csv\b/.test(request.headers.accept ?? ''))
      if (!wantsCsv) return report
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="consistency-${report.date}.csv"`)
        .send(reportCsv(report))
    },
  )
}
