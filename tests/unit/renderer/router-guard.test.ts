// @vitest-environment jsdom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, type Router } from 'vue-router'
import { safeRedirect } from '../../../src/renderer/src/router/access.ts'
import { createAppRouter } from '../../../src/renderer/src/router/index.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { installFakeApi } from './support/fake-api.ts'

describe('the router guard', () => {
  let router: Router
  let session: ReturnType<typeof useSessionStore>

  beforeEach(async () => {
    installFakeApi()
    setActivePinia(createPinia())
    session = useSessionStore()
    router = createAppRouter(createMemoryHistory())
    await router.push('/')
  })

  it('lets everyone see public pages', async () => {
    for (const path of ['/', '/help', '/sign-in', '/register', '/nowhere']) {
      await router.push(path)
      expect(router.currentRoute.value.fullPath).toBe(path)
    }
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('sends a signed-out customer from a signed-in page to sign-in, remembering where to go', async () => {
    await router.push('/contracts?sort=newest')
    expect(router.currentRoute.value.path).toBe('/sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/contracts?sort=newest')

    await router.push('/activation')
    expect(router.currentRoute.value.path).toBe('/sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/activation')
  })

  it('sends a signed-in but not activated customer from contract data to the activation code', async () => {
    session.signedIn = true
    await router.push('/contracts')
    expect(router.currentRoute.value.path).toBe('/activation')
    expect(router.currentRoute.value.query.redirect).toBe('/contracts')
  })

  it('lets an activated customer see contract data', async () => {
    session.signedIn = true
    session.activated = true
    await router.push('/contracts')
    expect(router.currentRoute.value.path).toBe('/contracts')
  })

  it('sends a signed-in customer from sign-in, registration and forgot-password to their start', async () => {
    session.signedIn = true
    for (const path of ['/sign-in', '/register', '/forgot-password']) {
      await router.push(path)
      expect(router.currentRoute.value.name).toBe('activation')
    }
    session.activated = true
    await router.push('/sign-in?redirect=/contracts')
    expect(router.currentRoute.value.name).toBe('contracts')
  })

  it('keeps the password pages for signed-in customers only', async () => {
    await router.push('/settings/password')
    expect(router.currentRoute.value.name).toBe('sign-in')
    session.signedIn = true
    await router.push('/settings/password')
    expect(router.currentRoute.value.name).toBe('change-password')
  })
})

describe('the redirect after sign-in', () => {
  it('follows only paths inside the app', () => {
    expect(safeRedirect('/contracts?sort=newest')).toBe('/contracts?sort=newest')
    for (const unsafe of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      'contracts',
      '',
      undefined,
      ['/a'],
    ]) {
      expect(safeRedirect(unsafe)).toBeNull()
    }
  })
})
