/** The second factor in tests: codes computed with otpauth from the secret the API returned. */
import { expect } from 'vitest'
import { Secret, TOTP } from 'otpauth'
import type { TestBackend } from './backend.ts'
import type { Auth } from './customers.ts'

/** The TOTP code of `secret` (base32) at `at` (the backend's clock), or `steps` of 30 s away from it. */
export function totpCode(secret: string, at: Date, steps = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: at.getTime() + steps * 30_000,
  })
}

/** Turns the second factor on for a signed-in customer; answers the secret and the recovery codes. */
export async function enrol(
  backend: TestBackend,
  auth: Auth,
  password: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await backend.json('POST', '/api/v1/me/mfa/totp', { password }, auth)
  expect(started.statusCode, started.body).toBe(201)
  const { enrolmentId, secret } = started.json<{ enrolmentId: string; secret: string }>()
  const code = totpCode(secret, backend.clock.now())
  const confirmed = await backend.json(
    'POST',
    '/api/v1/me/mfa/totp/confirm',
    { enrolmentId, code },
    auth,
  )
  expect(confirmed.statusCode, confirmed.body).toBe(200)
  return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes }
}

/** POST /sessions with the right password when the second factor is on: the challenge id. */
export async function passwordStep(
  backend: TestBackend,
  email: string,
  password: string,
): Promise<string> {
  const response = await backend.json('POST', '/api/v1/sessions', { email, password })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<{ challengeId: string }>().challengeId
}

/** POST /sessions/mfa. */
export function codeStep(backend: TestBackend, challengeId: string, code: string) {
  return backend.json('POST', '/api/v1/sessions/mfa', { challengeId, code })
}
