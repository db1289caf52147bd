/**
 * The crash screen's state: set by the global error handlers for the truly
 * unexpected (a bug, not an API error — those are data, see api/errors.ts).
 */
import { shallowRef, type App } from 'vue'
import type { Router } from 'vue-router'

export interface CrashReport {
  error: unknown
  source: 'vue' | 'router' | 'window' | 'promise'
}

/** The first crash of this run, or null. App.vue shows the crash screen while set. */
export const crash = shallowRef<CrashReport | null>(null)

/** Records an unexpected error and switches to the crash screen. */
export function reportCrash(error: unknown, source: CrashReport['source']): void {
  console.error(`Unexpected error (${source}):`, error)
  crash.value ??= { error, source }
}

/** Installs the global handlers: Vue, the router and the window. Returns their removal. */
export function installCrashHandlers(
  app: App,
  router: Router,
  target: Window = window,
): () => void {
  app.config.errorHandler = (error) => reportCrash(error, 'vue')
  const removeRouterHandler = router.onError((error) => reportCrash(error, 'router'))
  const onError = (event: ErrorEvent): void => {
    // Without an error object it is browser noise (e.g. ResizeObserver), not our bug.
    if (event.error != null) reportCrash(event.error, 'window')
  }
  const onRejection = (event: PromiseRejectionEvent): void => reportCrash(event.reason, 'promise')
  target.addEventListener('error', onError)
  target.addEventListener('unhandledrejection', onRejection)
  return () => {
    removeRouterHandler()
    target.removeEventListener('error', onError)
    target.removeEventListener('unhandledrejection', onRejection)
  }
}
