/** With SMTP settings, e-mails go out through nodemailer: tested against a real local SMTP server. */
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, registration, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
let server: SMTPServer | undefined
afterEach(async () => {
  await backend?.dispose()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

describe('SMTP outbox', () => {
  it('sends the confirmation e-mail over SMTP instead of the outbox table', async () => {
    const received: { from: string; to: string[]; data: string }[] = []
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = ''
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()))
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const port = (server.server.address() as { port: number }).port
    backend = await createTestBackend({
      config: {
        smtp: {
          host: '127.0.0.1',
          port,
          secure: false,
          from: 'My MINI Finance <no-reply@mini.at>',
        },
      },
    })
    const response = await backend.json('POST', '/api/v1/registrations', registration())
    expect(response.statusCode).toBe(202)
    expect(received).toHaveLength(1)
    expect(received[0]?.from).toBe('no-reply@mini.at')
    expect(received[0]?.to).toEqual(['lukas.g@example.at'])
    expect(received[0]?.data).toMatch(/myminifinance:\/\/confirm\?token=/)
    expect(backend.lastMessage('lukas.g@example.at')).toBeUndefined()
  })
})
