import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../testkit/browser.ts'
import { startStack } from './helpers/stack.ts'
import './helpers/context.ts'

/**
 * Once for the whole e2e suite: the console built, thirteen hours of simulated
 * history with faults, the all-in-one server on it with a user per role, and
 * one headless Chromium the test files connect to.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now()
  const password = randomBytes(12).toString('base64url')
  const launching = chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const stack = await startStack(password).catch(async (e: unknown) => {
    await (await launching).close()
    throw e
  })
  const browser = await launching
  console.info(`[e2e] set-up ${((performance.now() - started) / 1000).toFixed(1)} s: console built, ${stack.span.from} – ${stack.span.to} simulated, server at ${stack.server.url}`)
  project.provide('e2e', { baseUrl: stack.server.url, wsEndpoint: browser.wsEndpoint(), password, ...stack.span })
  return async () => {
    await browser.close()
    const code = await stack.server.stop()
    if (code !== 0) console.error(`[e2e] server exited with ${code}:\n${stack.server.output()}`)
    rmSync(stack.dir, { recursive: true, force: true })
  }
}
