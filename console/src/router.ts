import { createRouter, createWebHistory, type RouterHistory } from 'vue-router'
import { allowedFor, homeFor, NAV } from './navigation.ts'
import { useSession } from './session.ts'

const PAGES: Record<string, () => Promise<unknown>> = {
  'sync-health': () => import('./sync-health/SyncHealthPage.vue'),
  cockpit: () => import('./cockpit/CockpitPage.vue'),
  trace: () => import('./trace/TracePage.vue'),
  tickets: () => import('./tickets/TicketsPage.vue'),
  alerts: () => import('./alerts/AlertsPage.vue'),
}

/** Routes of the console; pages load on demand so the first page stays small. */
export function createConsoleRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/login', name: 'login', component: () => import('./login/LoginPage.vue'), meta: { public: true } },
      {
        path: '/',
        component: () => import('./layout/AppLayout.vue'),
        children: [
          { path: '', name: 'home', redirect: () => homeFor(useSession().user.value?.role) },
          ...NAV.map((item) => ({ path: item.path.slice(1), name: item.name, component: PAGES[item.name]!, meta: { roles: item.roles } })),
        ],
      },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
  router.beforeEach((to) => {
    const session = useSession()
    if (to.meta.public) return true
    if (!session.loggedIn.value) return { name: 'login', query: { redirect: to.fullPath } }
    const role = session.user.value?.role
    if (to.name && to.name !== 'home' && !allowedFor(role).some((item) => item.name === to.name)) return homeFor(role)
    return true
  })
  return router
}
