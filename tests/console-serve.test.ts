import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_DIST } from '../server/console.ts'
import { testConfig } from './helpers/config.ts'
import { startTestApp, type TestApp } from './helpers/app.ts'

/** The built JavaScript of the console, gzipped file by file as a browser would fetch it. */
function gzippedJsBytes(): number {
  const assets = path.join(CONSOLE_DIST, 'assets')
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0)
}

describe('the console served by the all-in-one server', () => {
  let t: TestApp

  beforeAll(async () => {
    // The real build into console/dist (what `npm start` serves), so the server finds it and registers the console.
    // vitest sets NODE_ENV=test, which would make vite bundle Vue's development build; measure what `npm start` ships.
    const nodeEnv = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      await build({ configFile: path.join(CONSOLE_DIST, '..', 'vite.config.ts'), logLevel: 'warn' })
    } finally {
      process.env.NODE_ENV = nodeEnv
    }
    t = await startTestApp(testConfig())
  })
  afterAll(async () => {
    await t?.close()
  })

  it('serves index.html at / without caching it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toContain('<div id="app"></div>')
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('falls back to index.html for console routes, so links into the app work', async () => {
    for (const url of ['/cockpit', '/sync-health?range=6h&system=wms']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).toContain('<div id="app"></div>')
    }
  })

  it('serves hashed assets as cacheable JavaScript', async () => {
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8'))?.[1]
    expect(script).toBeDefined()
    const res = await t.app.inject({ method: 'GET', url: script! })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toContain('immutable')
    expect(res.headers['content-encoding']).toBeUndefined()

    // Precompressed at build time: a browser that accepts brotli gets the .br file, smaller than the original.
    const br = await t.app.inject({ method: 'GET', url: script!, headers: { 'accept-encoding': 'br, gzip' } })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.rawPayload.length).toBeLessThan(res.rawPayload.length / 2)
  })

  it('keeps JSON 404s for unknown API paths and missing assets, and the API itself answers', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })
    expect(api.statusCode).toBe(404)
    expect(api.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing-abc123.js' })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()).toHaveProperty('openapi')
  })

  it('keeps the built JavaScript under 1 MB gzipped', () => {
    const bytes = gzippedJsBytes()
    console.log(`console JavaScript: ${(bytes / 1024).toFixed(1)} KiB gzipped (target < 1024 KiB)`)
    expect(bytes).toBeLessThan(1024 * 1024)
  })
})
