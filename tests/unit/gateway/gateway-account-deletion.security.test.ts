/**
 * DELETE /me through the gateway, in front of the real backend: once the account
 * is deleted the gateway holds nothing of it — no token in memory, no kept
 * sign-in in the keychain — exactly as after a sign-out; a refused deletion (a
 * wrong password) keeps the session.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { REFRESH_TOKEN_ACCOUNT } from '../../../src/gateway/session-keeper.ts'
import { injectUpstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import type { Vault } from '../../../src/gateway/vault.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'
import { appRequest } from './support/app-request.ts'

const PREVIEW = 'http://127.0.0.1:4810'
let backend: TestBackend
afterEach(async () => backend?.dispose())

async function signedInGateway(vault: Vault): Promise<Gateway> {
  backend = await createTestBackend()
  const gateway = createGateway({
    upstream: injectUpstream(backend.app),
    vault,
    kiosk: false,
    now: () => backend.clock.now().getTime(),
  })
  const signedIn = await gateway.handle(
    appRequest(`${PREVIEW}/api/v1/sessions`, {
      method: 'POST',
      body: JSON.stringify({ ...ANNA_LOGIN, staySignedIn: true }),
    }),
  )
  expect(signedIn.status).toBe(201)
  return gateway
}

const deleteMe = (gateway: Gateway, password: string) =>
  gateway.handle(
    appRequest(`${PREVIEW}/api/v1/me`, { method: 'DELETE', body: JSON.stringify({ password }) }),
  )
const sessionState = async (gateway: Gateway) =>
  (await gateway.handle(appRequest(`${PREVIEW}/api/v1/session`))).json()

describe('DELETE /me through the gateway', () => {
  it('forgets the tokens and the kept sign-in in the keychain', async () => {
    const vault = createMemoryVault()
    const gateway = await signedInGateway(vault)
    expect(await vault.get(REFRESH_TOKEN_ACCOUNT)).not.toBeNull()

    const deleted = await deleteMe(gateway, ANNA_LOGIN.password)
    expect(deleted.status).toBe(204)
    expect(gateway.signedIn).toBe(false)
    expect(await vault.get(REFRESH_TOKEN_ACCOUNT)).toBeNull()
    expect(await sessionState(gateway)).toEqual({ signedIn: false })
    const me = await gateway.handle(appRequest(`${PREVIEW}/api/v1/me`))
    expect(me.status).toBe(401)
  })

  it('keeps the session when the password is wrong', async () => {
    const vault = createMemoryVault()
    const gateway = await signedInGateway(vault)
    const refused = await deleteMe(gateway, 'Das-ist-nicht-ihr-Passwort')
    expect(refused.status).toBe(403)
    expect(gateway.signedIn).toBe(true)
    expect(await vault.get(REFRESH_TOKEN_ACCOUNT)).not.toBeNull()
    expect((await sessionState(gateway)).signedIn).toBe(true)
  })

  it('takes the deletion only from the app’s own page', async () => {
    const vault = createMemoryVault()
    const gateway = await signedInGateway(vault)
    const forged = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/me`, {
        method: 'DELETE',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ password: ANNA_LOGIN.password }),
      }),
    )
    expect(forged.status).toBe(403)
    expect(gateway.signedIn).toBe(true)
    expect(await backend.app.services.repos.accounts.byEmail(ANNA_LOGIN.email)).not.toBeNull()
  })
})
