/**
 * The router. Hash history, because the app is served from app://mmf/ and from a
 * static web server alike; deep links arrive as `/#/confirm?token=…`.
 */
import { createRouter, createWebHashHistory, type Router, type RouterHistory } from 'vue-router'
import { useSessionStore } from '../stores/session.ts'
import { checkAccess } from './access.ts'
import { routes } from './routes.ts'

/** Creates the app's router with its access guard (Pinia must be installed first). */
export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, savedPosition) => savedPosition ?? { top: 0 },
  })
  router.beforeEach((to) => checkAccess(to, useSessionStore()))
  return router
}
