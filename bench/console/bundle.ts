import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { CONSOLE_DIST } from '../../server/console.ts'

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>

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

export interface BundleFigures {
  buildMs: number
  jsFiles: number
  jsGzipBytes: number
  /** Entry + layout + cockpit page: what the first visit of the cockpit downloads. */
  cockpitJsGzipBytes: number
}

/** Builds the console for production and weighs the gzipped JavaScript. */
export async function buildAndWeigh(): Promise<BundleFigures> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  const started = performance.now()
  await build({ configFile: path.join(CONSOLE_DIST, '..', 'vite.config.ts'), logLevel: 'warn' })
  const buildMs = Math.round(performance.now() - started)
  process.env.NODE_ENV = nodeEnv
  const manifest = JSON.parse(readFileSync(path.join(CONSOLE_DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest
  const js = Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js'))
  const cockpit = [...pageFiles(manifest, ['index.html', 'src/layout/AppLayout.vue', 'src/cockpit/CockpitPage.vue'])].filter((f) => f.endsWith('.js'))
  return { buildMs, jsFiles: js.length, jsGzipBytes: js.reduce((s, f) => s + gz(f), 0), cockpitJsGzipBytes: cockpit.reduce((s, f) => s + gz(f), 0) }
}
