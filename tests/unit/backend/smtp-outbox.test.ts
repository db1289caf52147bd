/**
 * With SMTP settings, e-mails go out through nodemailer from the sender worker:
 * tested against a real local SMTP server. The table keeps every message too.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, registration, type TestBackend } from '../../helpers/backend.ts'
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.ts'

let backend: TestBackend | undefined
let smtp: TestSmtpServer | undefined
afterEach(async () => {
  await backend?.dispose()
  await smtp?.close()
})

describe('SMTP outbox', () => {
  it('sends the confirmation e-mail over SMTP, and the demo mailbox still lists it', async () => {
    smtp = await startSmtpServer()
    backend = await createTestBackend({ config: { smtp: smtp.settings } })
    const response = await backend.json('POST', '/api/v1/registrations', registration())
    expect(response.statusCode).toBe(202)
    await backend.outboxSender?.idle()
    expect(smtp.accepted()).toHaveLength(1)
    const [mail] = smtp.received
    expect(mail?.from).toBe('no-reply@mini.at')
    expect(mail?.to).toEqual(['lukas.g@example.at'])
    expect(mail?.data).toMatch(/myminifinance:\/\/confirm\?token=/)
    expect(mail?.messageId).toMatch(/^<outbox\.\d+\.[0-9a-z]+@mini\.at>$/)
    expect((await backend.lastMessage('lukas.g@example.at'))?.links[0]).toMatch(
      /^myminifinance:\/\/confirm\?token=/,
    )
  })
})
