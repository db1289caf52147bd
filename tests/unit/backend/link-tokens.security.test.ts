/**
 * The token of a link from an e-mail (confirmation, reset and its check, e-mail change): a
 * malformed one is answered exactly like an unknown one, 400 link_invalid, so
 * that its shape tells a prober nothing and the app shows one message.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const LINKS = {
  confirmation: (token: string) => ({ url: '/api/v1/registrations/confirm', body: { token } }),
  'reset check': (token: string) => ({ url: '/api/v1/password-resets/check', body: { token } }),
  reset: (token: string) => ({
    url: '/api/v1/password-resets/confirm',
    body: { token, newPassword: 'Gaisberg-Nebel-Kaffeehaus-Sonne' },
  }),
  'e-mail change': (token: string) => ({ url: '/api/v1/me/email-change/confirm', body: { token } }),
} as const

const MALFORMED = [
  '',
  'short',
  '../../etc/passwd',
  'ein Token mit Leerzeichen und Umlauten äöü',
  'A'.repeat(201),
  'A'.repeat(2048),
  `${'A'.repeat(43)}=`,
  '%00%0a',
]

describe.each(Object.keys(LINKS) as (keyof typeof LINKS)[])('the %s link', (kind) => {
  it('answers a malformed token 400 link_invalid, the same body as an unknown one', async () => {
    backend = await createTestBackend()
    const send = async (token: string) => {
      const { url, body } = LINKS[kind](token)
      return backend.json('POST', url, body)
    }
    const unknown = await send('A'.repeat(43))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('link_invalid')
    for (const token of MALFORMED) {
      const malformed = await send(token)
      expect(malformed.statusCode, token).toBe(400)
      expect(malformed.body, token).toBe(unknown.body)
    }
  })

  it('still checks the shape of the body', async () => {
    backend = await createTestBackend()
    const { url, body } = LINKS[kind]('x')
    const response = await backend.json('POST', url, { ...body, token: 42 })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { token: 'invalid_type' },
    })
  })
})
