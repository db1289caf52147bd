/**
 * Mounts the whole renderer (App, router, i18n, Pinia) as main.ts does, but with
 * memory history, so component tests see what a user sees. The test file mocks
 * the API modules it needs (vi.mock is per file).
 */
import { createTestingPinia, type TestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '../../../../src/renderer/src/App.vue'
import { installCrashHandlers } from '../../../../src/renderer/src/crash.ts'
import { i18n, setLocale, type AppLocale } from '../../../../src/renderer/src/i18n/index.ts'
import { createAppRouter } from '../../../../src/renderer/src/router/index.ts'
import { installFakeApi, type FakeApi } from './fake-api.ts'

export interface MountedApp {
  wrapper: VueWrapper
  router: Router
  pinia: TestingPinia
  /** The fake gateway behind the API client. */
  api: FakeApi
}

/** Resets what outlives a test: the remembered language and <html lang>. */
export function resetLocale(locale: AppLocale = 'de'): void {
  setLocale(locale)
  localStorage.clear()
}

/**
 * Mounts the app at `path` and waits until the first page and the start-up calls
 * have settled. Pass a fake gateway set up beforehand (installFakeApi) to choose
 * its answers; otherwise a signed-out web preview answers. `stubs` replaces
 * components by name (e.g. the PdfViewer, whose pdf.js needs a real browser).
 */
export async function mountApp(
  path = '/',
  api: FakeApi = installFakeApi(),
  options: { stubs?: Record<string, Component> } = {},
): Promise<MountedApp> {
  // jsdom has no layout: the router's scroll-to-top would only log "not implemented".
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined)
  const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn })
  const router = createAppRouter(createMemoryHistory())
  const crashPlugin = {
    install: (app: Parameters<typeof installCrashHandlers>[0]) => {
      installCrashHandlers(app, router)
    },
  }
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, {
    global: { plugins: [pinia, i18n, router, crashPlugin], stubs: options.stubs ?? {} },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, pinia, api }
}
