import { afterEach, describe, expect, it } from 'vitest'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  type TestBackend,
} from '../../helpers/backend.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** Registers Lukas Gruber (a demo customer), signs in; returns his bearer header and the code of the letter. */
async function signedInWithLetter(): Promise<{ auth: Record<string, string>; code: string }> {
  const email = await registerAndConfirm(backend)
  const session = (
    await backend.json('POST', '/api/v1/sessions', { email, password: GOOD_PASSWORD })
  ).json()
  return { auth: { authorization: `Bearer ${session.accessToken}` }, code: latestCode() }
}

function latestCode(): string {
  const letter = backend.app.services.repos.outbox.list({ kind: 'letter', limit: 1 })[0]
  const match = /: {3}([3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4})/.exec(letter?.text ?? '')
  if (!match?.[1]) throw new Error('no code in the letter')
  return match[1]
}

const activate = (auth: Record<string, string>, code: string) =>
  backend.json('POST', '/api/v1/me/activation', { code }, auth)

describe('activation', () => {
  it('accepts the code from the letter, ignoring case, spaces and dashes; it works once', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `
    const ok = await activate(auth, typed)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ activated: true })
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, auth)).json().customer.activated,
    ).toBe(true)
    const codes = JSON.stringify(backend.db.prepare('SELECT * FROM activation_codes').all())
    expect(codes).not.toContain(code.replaceAll('-', ''))
  })

  it('locks after five wrong codes until a new letter; the new letter voids the old code', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    const wrong = code.startsWith('3') ? '4444-4444-4444' : '3333-3333-3333'
    const answers: number[] = []
    for (let i = 0; i < 5; i++) answers.push((await activate(auth, wrong)).statusCode)
    expect(answers).toEqual([400, 400, 400, 400, 423])
    expect((await activate(auth, code)).statusCode).toBe(423)
    const letter = await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    expect(letter.statusCode).toBe(202)
    const fresh = latestCode()
    expect((await activate(auth, code)).json().error.code).toBe('activation_code_invalid')
    expect((await activate(auth, fresh)).statusCode).toBe(200)
  })

  it('codes expire after 30 days', async () => {
    backend = await createTestBackend()
    const { code } = await signedInWithLetter()
    backend.clock.advance(30 * 86_400)
    // The access token has expired too: sign in again.
    const session = (
      await backend.json('POST', '/api/v1/sessions', {
        email: 'lukas.g@example.at',
        password: GOOD_PASSWORD,
      })
    ).json()
    const answer = await activate({ authorization: `Bearer ${session.accessToken}` }, code)
    expect(answer.statusCode).toBe(410)
    expect(answer.json().error.code).toBe('activation_code_expired')
  })

  it('limits new letters', async () => {
    backend = await createTestBackend()
    const { auth } = await signedInWithLetter()
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)).statusCode,
      )
    }
    expect(statuses).toEqual([202, 202, 429])
  })

  it('refuses malformed codes without counting them, and needs a session', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    for (let i = 0; i < 6; i++) {
      const answer = await activate(auth, 'O0I1-LOOK-ALIK')
      expect(answer.json().error).toMatchObject({
        code: 'validation_failed',
        fields: { code: 'invalid_format' },
      })
    }
    expect((await activate(auth, code)).statusCode).toBe(200)
    expect((await backend.json('POST', '/api/v1/me/activation', { code })).statusCode).toBe(401)
  })
})
