/**
 * No answer waits for SMTP (api.md, "Confirming with the password (hardening)"):
 * against a mail server that takes 1.5 s per message, the third wrong password
 * (which locks and, for an existing account, sends the lock e-mail) and a reset
 * request answer as fast for an existing address as for an unknown one, and
 * well before the mail server has answered; the e-mails still arrive afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'
import {
  readableText,
  startSmtpServer,
  waitUntil,
  type TestSmtpServer,
} from '../../helpers/smtp.ts'

const SMTP_DELAY_MS = 1_500
const UNKNOWN = 'niemand@example.at'

let backend: TestBackend | undefined
let smtp: TestSmtpServer | undefined
afterEach(async () => {
  await backend?.dispose()
  await smtp?.close()
})

/** The time in milliseconds a request takes, with its status. */
async function timed(
  request: () => Promise<{ statusCode: number }>,
): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  const response = await request()
  return { status: response.statusCode, ms: performance.now() - started }
}

describe('answers do not wait for the mail server', () => {
  it('the locking third wrong password and a reset request take as long for an existing as for an unknown address', async () => {
    smtp = await startSmtpServer({ delayMs: SMTP_DELAY_MS })
    backend = await createTestBackend({ config: { smtp: smtp.settings } })
    const test = backend
    const wrongPassword = (email: string) => () =>
      test.json('POST', '/api/v1/sessions', { email, password: 'Falsches-Passwort-1234' })
    const reset = (email: string) => () => test.json('POST', '/api/v1/password-resets', { email })

    for (const email of [ANNA_LOGIN.email, UNKNOWN]) {
      expect((await timed(wrongPassword(email))).status).toBe(401)
      expect((await timed(wrongPassword(email))).status).toBe(401)
    }
    const lockExisting = await timed(wrongPassword(ANNA_LOGIN.email))
    const lockUnknown = await timed(wrongPassword(UNKNOWN))
    const resetExisting = await timed(reset(ANNA_LOGIN.email))
    const resetUnknown = await timed(reset(UNKNOWN))

    expect([lockExisting.status, lockUnknown.status]).toEqual([423, 423])
    expect([resetExisting.status, resetUnknown.status]).toEqual([202, 202])
    for (const { ms } of [lockExisting, lockUnknown, resetExisting, resetUnknown]) {
      expect(ms).toBeLessThan(SMTP_DELAY_MS / 2)
    }
    expect(Math.abs(lockExisting.ms - lockUnknown.ms)).toBeLessThan(SMTP_DELAY_MS / 2)
    expect(Math.abs(resetExisting.ms - resetUnknown.ms)).toBeLessThan(SMTP_DELAY_MS / 2)

    // The lock e-mail and the reset e-mail reach the existing account afterwards.
    await waitUntil(() => smtp?.accepted().length === 2, 4 * SMTP_DELAY_MS, 'both e-mails')
    expect(smtp.accepted().map((m) => m.to)).toEqual([[ANNA_LOGIN.email], [ANNA_LOGIN.email]])
    const resetMail = smtp.accepted()[1]
    expect(resetMail && readableText(resetMail)).toMatch(
      /myminifinance:\/\/reset\?token=[\w-]{20,}/,
    )
  })
})
