import { ref, shallowRef, type Ref } from 'vue'
import { useRouter } from 'vue-router'
import { useSession } from '../session.ts'

/** An API answer that was not 2xx; `message` is the server's own (it names the bad field on a 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export type Query = Record<string, string | number | string[] | undefined>

export function toSearch(query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { message?: string } | null
  return new ApiError(response.status, body?.message ?? `${response.status} ${response.statusText}`)
}

/**
 * Calls the OrderLens API with the session token. A 401 means the session is
 * gone (expired, server secret changed): it is ended and the user is sent to
 * the login page, coming back to where they were afterwards.
 */
export function useApi() {
  const session = useSession()
  const router = useRouter()

  async function request<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (session.token.value) headers.authorization = `Bearer ${session.token.value}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${path}${toSearch(query)}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    if (response.status === 401 && session.token.value) {
      session.end()
      const here = router.currentRoute.value
      if (here.name !== 'login') await router.push({ name: 'login', query: { redirect: here.fullPath } })
    }
    if (!response.ok) throw await errorOf(response)
    return (await response.json()) as T
  }

  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', path, query),
    post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, query, body),
    del: <T>(path: string) => request<T>('DELETE', path),
  }
}

export interface Resource<T> {
  data: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<ApiError | Error | null>
  load(): Promise<void>
}

/**
 * One piece of page data with its loading and error state, for the shared
 * Loading/Empty/Error components. A refresh keeps the previous data on
 * screen while it loads, and an answer that arrives after a newer request
 * started is dropped, so a slow answer cannot overwrite a newer view.
 */
export function useResource<T>(fetcher: () => Promise<T>): Resource<T> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | Error | null>(null)
  let latest = 0
  async function load() {
    const mine = ++latest
    loading.value = true
    try {
      const value = await fetcher()
      if (mine !== latest) return
      data.value = value
      error.value = null
    } catch (e) {
      if (mine === latest) error.value = e instanceof Error ? e : new Error(String(e))
    } finally {
      if (mine === latest) loading.value = false
    }
  }
  return { data, loading, error, load }
}
