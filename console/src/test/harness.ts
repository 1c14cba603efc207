import { mount } from '@vue/test-utils'
import { defineComponent, h, type Component } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { createConsoleI18n, type Locale } from '../i18n/index.ts'

/** A router with the console's page names, on an in-memory history, started at `path`. */
export async function testRouter(path: string): Promise<Router> {
  const blank = defineComponent({ render: () => h('div') })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: blank },
      { path: '/cockpit', name: 'cockpit', component: blank },
      { path: '/sync-health', name: 'sync-health', component: blank },
      { path: '/trace', name: 'trace', component: blank },
      { path: '/tickets', name: 'tickets', component: blank },
      { path: '/alerts', name: 'alerts', component: blank },
    ],
  })
  await router.push(path)
  await router.isReady()
  return router
}

/** Runs a composable inside a mounted component (composables need a component and the router). */
export function withSetup<T>(router: Router, composable: () => T, locale: Locale = 'en'): T {
  let result!: T
  const Probe = defineComponent({
    setup() {
      result = composable()
      return () => h('div')
    },
  })
  mount(Probe, { global: { plugins: [router, createConsoleI18n(locale)] } })
  return result
}

export function mountPage(page: Component, router: Router, locale: Locale = 'en') {
  return mount(page, { global: { plugins: [router, createConsoleI18n(locale)] } })
}

/** A fetch answering each call with the next of `answers` (status and JSON body), recording the URLs asked. */
export function fakeFetch(...answers: { status: number; body: unknown }[]) {
  const urls: string[] = []
  const headers: Record<string, string>[] = []
  const fn = async (url: string, init?: RequestInit) => {
    urls.push(url)
    headers.push((init?.headers ?? {}) as Record<string, string>)
    const answer = answers[Math.min(urls.length - 1, answers.length - 1)]!
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } })
  }
  return { fn, urls, headers }
}
