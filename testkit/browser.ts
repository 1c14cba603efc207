import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/** Debian's chromium: playwright's own browser download cannot work on this network. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that keep a headless chromium from reaching the network on its own (updates, sync, QUIC probes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })

export interface ConsoleSession {
  token: string
  user: { name: string; role: string; display_name?: string }
}

/** Logs in through the API, as the login page does. */
export async function login(baseUrl: string, username: string, password: string): Promise<ConsoleSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (!res.ok) throw new Error(`log-in of ${username} failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as ConsoleSession
}

/**
 * A browser context already logged in: the session is put where the console
 * keeps it (localStorage 'orderlens.session') before any page script runs.
 */
export async function loggedInContext(browser: Browser, session: ConsoleSession, locale = 'en'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript(
    ({ saved, lang }) => {
      localStorage.setItem('orderlens.session', saved)
      localStorage.setItem('orderlens.locale', lang)
    },
    { saved: JSON.stringify({ token: session.token, user: session.user }), lang: locale },
  )
  return context
}
