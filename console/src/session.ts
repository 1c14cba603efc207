import { computed, reactive } from 'vue'

// One definition of the roles for the server and the console.
export { ROLES, type Role, type User } from '../../core/access/users.ts'
import type { User } from '../../core/access/users.ts'

interface SessionState {
  token: string | null
  user: User | null
}

/** localStorage, so a wall screen stays logged in across reloads until the token expires. */
const STORAGE_KEY = 'orderlens.session'

function restore(): SessionState {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as SessionState | null
    if (saved?.token && saved.user) return saved
  } catch {
    // A damaged entry is no session.
  }
  return { token: null, user: null }
}

const state = reactive<SessionState>(restore())

/** The one session of this tab: the token for the Authorization header and who it belongs to. */
export function useSession() {
  return {
    token: computed(() => state.token),
    user: computed(() => state.user),
    loggedIn: computed(() => !!state.token),
    start(token: string, user: User) {
      state.token = token
      state.user = user
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state))
    },
    end() {
      state.token = null
      state.user = null
      localStorage.removeItem(STORAGE_KEY)
    },
  }
}
