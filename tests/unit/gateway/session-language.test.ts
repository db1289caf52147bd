/**
 * The gateway's `GET /session` tells the app the customer's language as the
 * backend has it now (preferences.locale), not as it was at sign-in: after the
 * customer switched it (here or on another device), a reload or a restored
 * sign-in opens the app in that language. Through the real backend (inject).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { injectUpstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna } from '../../helpers/customers.ts'
import { appRequest } from './support/app-request.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const APP = 'app://mmf/api/v1'

async function sessionLocale(gateway: Gateway): Promise<unknown> {
  const state = (await (await gateway.handle(appRequest(`${APP}/session`))).json()) as {
    customer?: { locale?: unknown }
  }
  return state.customer?.locale
}

describe('GET /session and the customer’s language', () => {
  it('answers the language the customer chose since signing in, here or elsewhere', async () => {
    backend = await createTestBackend()
    const gateway = createGateway({
      upstream: injectUpstream(backend.app),
      vault: createMemoryVault(),
      kiosk: false,
      now: () => backend.clock.now().getTime(),
    })
    const signedIn = await gateway.handle(
      appRequest(`${APP}/sessions`, { method: 'POST', body: JSON.stringify(ANNA_LOGIN) }),
    )
    expect(signedIn.status).toBe(201)
    expect(await sessionLocale(gateway)).toBe('de')

    const patch = (locale: string) =>
      appRequest(`${APP}/me`, {
        method: 'PATCH',
        body: JSON.stringify({ preferences: { locale } }),
      })
    expect((await gateway.handle(patch('en'))).status).toBe(200)
    expect(await sessionLocale(gateway)).toBe('en')

    // Switched back on another device: the app here learns it on its next start.
    const elsewhere = await signInAnna(backend)
    const response = await backend.json(
      'PATCH',
      '/api/v1/me',
      { preferences: { locale: 'de' } },
      elsewhere,
    )
    expect(response.statusCode).toBe(200)
    expect(await sessionLocale(gateway)).toBe('de')
  })
})
