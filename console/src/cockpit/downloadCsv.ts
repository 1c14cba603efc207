import { toSearch, ApiError, type Query } from '../composables/useApi.ts'
import { useSession } from '../session.ts'

/**
 * Downloads an API answer as a file with the session's token: a plain
 * <a href> cannot send the Authorization header, so the CSV is fetched,
 * turned into a blob URL and "clicked". A refusal is thrown with the
 * server's message, for the panel to show.
 */
export async function downloadCsv(path: string, query: Query, filename: string): Promise<void> {
  const token = useSession().token.value
  const response = await fetch(`${path}${toSearch(query)}`, { headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) } })
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null
    throw new ApiError(response.status, body?.message ?? `${response.status} ${response.statusText}`)
  }
  const url = URL.createObjectURL(await response.blob())
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = filename
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // The click has handed the blob to the browser's download; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
