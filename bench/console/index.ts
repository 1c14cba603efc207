import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { loadConfig } from '../../core/config/index.ts'
import { buildApp } from '../../server/app.ts'
import { CONSOLE_DIST } from '../../server/console.ts'
import type { BenchFlags } from '../registry.ts'

/** Targets of issue 6: the built JavaScript under 1 MB gzipped; the first page in under 2 s on loopback. */
const TARGETS = { jsGzipBytes: 1024 * 1024, firstPageMs: 2000 }

type Manifest = Record<string, { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean }>

/** The files a page needs: its chunk and every chunk it imports statically, with their CSS. */
function pageFiles(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    chunk.css?.forEach((c) => files.add(c))
    chunk.imports?.forEach(visit)
  }
  keys.forEach(visit)
  return files
}

const gz = (file: string) => gzipSync(readFileSync(path.join(CONSOLE_DIST, file)), { level: 9 }).length
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * The console's weight and first load: builds it (production), sums the
 * gzipped JavaScript, then starts the all-in-one server on loopback and times
 * a cold first visit of the cockpit — index.html, the cockpit's chunks and its
 * KPI request, as a browser would fetch them (files in parallel). It does not
 * run the JavaScript: "interactive" needs the browser of the end-to-end tests.
 */
export async function consoleBench(flags: BenchFlags): Promise<void> {
  const log = (line: string) => !flags.json && console.log(line)
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  const buildStarted = performance.now()
  await build({ configFile: path.join(CONSOLE_DIST, '..', 'vite.config.ts'), logLevel: 'warn' })
  const buildMs = performance.now() - buildStarted
  process.env.NODE_ENV = nodeEnv

  const manifest = JSON.parse(readFileSync(path.join(CONSOLE_DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest
  const allJs = Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js'))
  const jsGzip = allJs.reduce((sum, f) => sum + gz(f), 0)
  const cockpitFiles = [...pageFiles(manifest, ['index.html', 'src/layout/AppLayout.vue', 'src/cockpit/CockpitPage.vue'])]
  const cockpitGzip = cockpitFiles.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0)

  const dataDir = mkdtempSync(path.join(tmpdir(), 'orderlens-bench-console-'))
  const app = await buildApp({ config: loadConfig({ env: {}, overrides: { dataDir, access: { anonymousRole: 'manager' } } }) })
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const get = async (url: string) => {
      const res = await fetch(`${address}${url}`)
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`${url}: ${res.status}`)
    }
    const to = new Date()
    const from = new Date(to.getTime() - 24 * 3_600_000)
    const started = performance.now()
    await get('/cockpit')
    await Promise.all([...cockpitFiles.map((f) => get(`/${f}`)), get(`/api/v1/kpis?from=${from.toISOString()}&to=${to.toISOString()}`)])
    const firstPageMs = performance.now() - started

    const out = { buildMs: Math.round(buildMs), jsGzipBytes: jsGzip, cockpitJsGzipBytes: cockpitGzip, jsFiles: allJs.length, firstPageMs: Math.round(firstPageMs), targets: TARGETS }
    log(`console build: ${out.buildMs} ms, ${allJs.length} JavaScript files`)
    log(`built JavaScript, gzipped: ${kib(jsGzip)} (target < ${kib(TARGETS.jsGzipBytes)}, ${((jsGzip / TARGETS.jsGzipBytes) * 100).toFixed(0)} % of it)`)
    log(`cockpit's own JavaScript (entry + layout + page), gzipped: ${kib(cockpitGzip)}`)
    log(`cold first visit of /cockpit on loopback (html, ${cockpitFiles.length} files, KPI request on an empty store): ${out.firstPageMs} ms (target < ${TARGETS.firstPageMs} ms, ratio ${(firstPageMs / TARGETS.firstPageMs).toFixed(3)})`)
    if (flags.json) console.log(JSON.stringify(out))
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
