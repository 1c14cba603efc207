import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/** Where `npm run console:build` (vite build) writes the console; ORDERLENS_CONSOLE_DIST lets the e2e tests serve a private build while others rebuild. */
export const CONSOLE_DIST = process.env.ORDERLENS_CONSOLE_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'console', 'dist')

/** True when a built console is there to serve; without one the server is API-only. */
export function consoleBuilt(root = CONSOLE_DIST): boolean {
  return existsSync(path.join(root, 'index.html'))
}

/** A path the console's router owns (no file extension, outside the API), so it gets index.html. */
function isConsoleRoute(url: string): boolean {
  const pathname = url.split('?')[0] ?? '/'
  return !pathname.startsWith('/api/') && !path.posix.basename(pathname).includes('.')
}

/**
 * Serves the Vue console (console/dist) as static files on the API's port.
 * Hashed assets are cached for good; index.html never, so a new build is
 * picked up on reload. Unknown console paths (/cockpit, /findings?…) fall back
 * to index.html so links into the single-page app work; unknown API paths
 * and missing assets keep their JSON 404.
 */
async function consoleStatic(app: FastifyInstance, opts: { root?: string }): Promise<void> {
  const root = opts.root ?? CONSOLE_DIST
  await app.register(fastifyStatic, {
    root,
    // The build writes .br and .gz next to each asset; sent when the browser accepts them.
    preCompressed: true,
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isConsoleRoute(request.url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html')
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method}:${request.url} not found` })
  })
}

export const consolePlugin = fp(consoleStatic, { name: 'orderlens-console' })
