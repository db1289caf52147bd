/**
 * One session must not grow the database at will, nor live for ever: at most
 * 20 service requests a day per customer, counted from the filed requests (an
 * idempotent replay files none and counts none), and a session (a refresh
 * family) ends 90 days after its sign-in however often it is refreshed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { validateBackendConfig } from '../../../src/backend/config.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna, type Auth } from '../../helpers/customers.ts'
import { ANNA_LOAN, contractOf, file, postRequest } from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const HOUR = 3600
const DAY = 86_400

describe('service requests: 20 a day per customer', () => {
  /** A travel permission (no open-request rule): request `n` of the day. */
  const travel = (contractId: string, n: number) => ({
    type: 'travel_abroad_permission',
    contractId,
    details: { countries: ['CH'], from: '2026-06-01', to: '2026-06-02', purpose: `Reise ${n}` },
  })

  it('answers the 21st within 24 hours 429 with Retry-After; a replay neither counts nor is refused', async () => {
    backend = await createTestBackend()
    let auth: Auth = await signInAnna(backend)
    const { id: contractId } = await contractOf(backend, auth, ANNA_LOAN)
    const first = await file(backend, auth, travel(contractId, 0), 'erste-anfrage')
    backend.clock.advance(2 * HOUR)
    auth = await signInAnna(backend)
    for (let n = 1; n < 20; n++) await file(backend, auth, travel(contractId, n))

    const over = await postRequest(backend, auth, travel(contractId, 20))
    expect(over.statusCode).toBe(429)
    expect(over.json().error.code).toBe('rate_limited')
    expect(Number(over.headers['retry-after'])).toBe(22 * HOUR)
    // The same key and body again: the first answer, not a 429, and nothing more filed.
    const replay = await postRequest(backend, auth, travel(contractId, 0), 'erste-anfrage')
    expect(replay.statusCode).toBe(201)
    expect(replay.json()).toEqual(first)
    const list = await backend.json('GET', '/api/v1/service-requests', undefined, auth)
    expect(list.json().items).toHaveLength(20)

    backend.clock.advance(22 * HOUR)
    auth = await signInAnna(backend)
    await file(backend, auth, travel(contractId, 21))
  })

  it('parallel requests cannot get past the limit', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { id: contractId } = await contractOf(backend, auth, ANNA_LOAN)
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, n) => postRequest(backend, auth, travel(contractId, n))),
    )
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(20)
    expect(statuses.filter((s) => s === 429)).toHaveLength(5)
  })

  it('a refused request (409, 400) counts nothing', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { id: contractId } = await contractOf(backend, auth, ANNA_LOAN)
    for (let n = 0; n < 25; n++) {
      const refused = await postRequest(backend, auth, {
        ...travel(contractId, n),
        details: { countries: ['CH'], from: '2026-06-02', to: '2026-06-01' },
      })
      expect(refused.statusCode).toBe(400)
    }
    await file(backend, auth, travel(contractId, 0))
  })
})

describe('a session ends 90 days after its sign-in', () => {
  const refresh = (refreshToken: string) =>
    backend.json('POST', '/api/v1/sessions/refresh', { refreshToken })

  it('however often it is refreshed: refreshing every day still ends on day 90', async () => {
    backend = await createTestBackend()
    const signedIn = await backend.json('POST', '/api/v1/sessions', ANNA_LOGIN)
    const end = new Date(backend.clock.now().getTime() + 90 * DAY * 1000)
    let { refreshToken } = signedIn.json()
    for (let day = 1; day < 90; day++) {
      backend.clock.advance(DAY)
      const response = await refresh(refreshToken)
      expect(response.statusCode, `day ${day}`).toBe(200)
      const pair = response.json()
      // No token outlives the session.
      expect(Date.parse(pair.refreshTokenExpiresAt)).toBeLessThanOrEqual(end.getTime())
      expect(Date.parse(pair.accessTokenExpiresAt)).toBeLessThanOrEqual(end.getTime())
      refreshToken = pair.refreshToken
    }
    backend.clock.advance(DAY)
    const ended = await refresh(refreshToken)
    expect(ended.statusCode).toBe(401)
    expect(ended.json().error.code).toBe('session_revoked')
    // A new sign-in starts a new session.
    expect((await backend.json('POST', '/api/v1/sessions', ANNA_LOGIN)).statusCode).toBe(201)
  })

  it('the last day’s access token ends with the session', async () => {
    backend = await createTestBackend({ config: { sessionMaxDays: 1 } })
    const { refreshToken } = (await backend.json('POST', '/api/v1/sessions', ANNA_LOGIN)).json()
    backend.clock.advance(DAY - 5 * 60)
    const last = (await refresh(refreshToken)).json()
    expect(last.accessTokenExpiresAt).toBe(last.refreshTokenExpiresAt)
    const auth = { authorization: `Bearer ${last.accessToken}` }
    expect((await backend.json('GET', '/api/v1/me', undefined, auth)).statusCode).toBe(200)
    backend.clock.advance(5 * 60)
    expect((await backend.json('GET', '/api/v1/me', undefined, auth)).statusCode).toBe(401)
  })

  it('is a setting, validated like the others', () => {
    expect(validateBackendConfig().sessionMaxDays).toBe(90)
    expect(validateBackendConfig({ sessionMaxDays: 30 }).sessionMaxDays).toBe(30)
    expect(() => validateBackendConfig({ sessionMaxDays: 0 })).toThrow(/sessionMaxDays/)
    expect(() => validateBackendConfig({ sessionMaxDays: 1.5 })).toThrow(/sessionMaxDays/)
  })
})
