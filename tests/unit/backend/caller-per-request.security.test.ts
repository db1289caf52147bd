/**
 * The backend looks a request's caller up once (routes/sessions.ts `principalOf`:
 * the general limits' hook and the route share it). An attacker must gain nothing
 * from that: the lookup belongs to one request only, so a token signed out is
 * refused on the very next request, a forged token right after a good one is
 * refused, and parallel requests of two customers never see each other's caller.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { registeredCustomer, signInAnna, type Auth } from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const me = (auth: Auth) => backend.json('GET', '/api/v1/me', undefined, auth)
const emailOf = async (auth: Auth): Promise<string> => {
  const response = await me(auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().customer.email as string
}

describe('the caller of a request', () => {
  it('is refused on the next request once its session is signed out', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    expect((await me(anna)).statusCode).toBe(200)
    const signOut = await backend.json('DELETE', '/api/v1/sessions/current', undefined, anna)
    expect(signOut.statusCode, signOut.body).toBe(204)
    expect((await me(anna)).statusCode).toBe(401)
    expect((await backend.json('GET', '/api/v1/documents', undefined, anna)).statusCode).toBe(401)
  })

  it('is not carried over to a forged token sent right after a good one', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    expect((await me(anna)).statusCode).toBe(200)
    const forged = { authorization: `${anna.authorization}x` }
    expect((await me(forged)).statusCode).toBe(401)
    expect((await me({})).statusCode).toBe(401)
  })

  it('stays with its own request when two customers call at the same time', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const lukas = await registeredCustomer(backend)
    const annaEmail = await emailOf(anna)
    const lukasEmail = await emailOf(lukas)
    expect(annaEmail).not.toBe(lukasEmail)
    const callers = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? anna : lukas))
    const emails = await Promise.all(callers.map(emailOf))
    expect(emails).toEqual(callers.map((auth) => (auth === anna ? annaEmail : lukasEmail)))
  })
})
