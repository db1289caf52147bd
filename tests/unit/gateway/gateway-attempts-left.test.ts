/**
 * The gateway rewrites the sign-in's answer and forwards the signed-in calls: the warning
 * before the lock (`attemptsLeft` of a wrong password) must reach the renderer through it,
 * from the sign-in and from a password confirmation alike.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway } from '../../../src/gateway/gateway.ts'
import { injectUpstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'
import { appRequest } from './support/app-request.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

const send = (method: string, path: string, body: unknown): Request =>
  appRequest(`app://mmf${path}`, { method, body: JSON.stringify(body) })

describe('attemptsLeft through the gateway', () => {
  it('reaches the renderer with a wrong sign-in and with a wrong confirmation', async () => {
    backend = await createTestBackend()
    const clock = backend.clock
    const gateway = createGateway({
      upstream: injectUpstream(backend.app),
      vault: createMemoryVault(),
      kiosk: false,
      now: () => clock.now().getTime(),
    })
    const wrong = await gateway.handle(
      send('POST', '/api/v1/sessions', { email: ANNA_LOGIN.email, password: 'Falsch-geraten-1' }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({
      error: { code: 'invalid_credentials', attemptsLeft: 2 },
    })

    expect((await gateway.handle(send('POST', '/api/v1/sessions', ANNA_LOGIN))).status).toBe(201)
    const confirmation = await gateway.handle(
      send('POST', '/api/v1/me/email-change', {
        newEmail: 'anderswo@example.at',
        password: 'Falsch-geraten-2',
      }),
    )
    expect(confirmation.status).toBe(403)
    expect(await confirmation.json()).toMatchObject({
      error: { code: 'invalid_credentials', attemptsLeft: 2 },
    })
  })
})
