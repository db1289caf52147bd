/**
 * POST /documents/{id}/email with SMTP settings: the PDF goes out through
 * nodemailer as an attachment, tested against a real local SMTP server (as in
 * smtp-outbox.test.ts) and read back from the raw message.
 */
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna } from '../../helpers/customers.ts'
import { listDocuments } from '../../helpers/documents.ts'
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.ts'

let backend: TestBackend | undefined
let smtp: TestSmtpServer | undefined
afterEach(async () => {
  await backend?.dispose()
  await smtp?.close()
})

/** The parts of a multipart message: unfolded headers (lower-case names) and the raw body. */
function mimeParts(message: string): { headers: Record<string, string>; body: string }[] {
  const normalised = message.replace(/\r\n/g, '\n')
  const boundary = /boundary="([^"]+)"/.exec(normalised)?.[1]
  if (!boundary) throw new Error('not a multipart message')
  return normalised
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = '', ...rest] = part.replace(/^\n/, '').split('\n\n')
      const headers: Record<string, string> = {}
      for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const colon = line.indexOf(':')
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
      }
      return { headers, body: rest.join('\n\n') }
    })
}

/** The file name of a Content-Disposition, also when split into RFC 2231 continuations. */
function dispositionFileName(disposition: string): string {
  const pieces = [...disposition.matchAll(/filename\*(\d+)\*?=([^;]+)/g)]
  if (pieces.length === 0) return /filename="([^"]*)"/.exec(disposition)?.[1] ?? ''
  const joined = pieces
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((p) => (p[2] ?? '').trim())
    .join('')
  return decodeURIComponent(joined.replace(/^utf-8''/i, ''))
}

describe('SMTP outbox: documents sent to the customer', () => {
  it('carries the PDF intact as an attachment under its file name, to the registered address only', async () => {
    smtp = await startSmtpServer()
    backend = await createTestBackend({ config: { smtp: smtp.settings } })
    const auth = await signInAnna(backend)
    const doc = (await listDocuments(backend, auth, 'limit=1')).items[0]
    if (!doc) throw new Error('Anna has no document')
    const response = await backend.json(
      'POST',
      `/api/v1/documents/${doc.id}/email?to=attacker@example.com`,
      undefined,
      auth,
    )
    expect(response.statusCode, response.body).toBe(202)

    await backend.outboxSender?.idle()
    const received = smtp.accepted()
    expect(received).toHaveLength(1)
    expect(received[0]?.to).toEqual([ANNA_LOGIN.email])
    const parts = mimeParts(received[0]?.data ?? '')
    const text = parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))
    expect(text?.body).toContain('Guten Tag, Frau Huber,')
    const attachments = parts.filter((p) =>
      p.headers['content-disposition']?.startsWith('attachment'),
    )
    expect(attachments).toHaveLength(1)
    const [pdf] = attachments
    expect(pdf?.headers['content-type']).toMatch(/^application\/pdf;/)
    expect(pdf?.headers['content-transfer-encoding']).toBe('base64')
    const bytes = Buffer.from((pdf?.body ?? '').replace(/\s+/g, ''), 'base64')
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256)

    const content = await backend.json(
      'GET',
      `/api/v1/documents/${doc.id}/content`,
      undefined,
      auth,
    )
    const fileName = dispositionFileName(pdf?.headers['content-disposition'] ?? '')
    expect(fileName).toMatch(/\.pdf$/)
    expect(content.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    // The demo mailbox lists it with its attachment as well.
    const [listed] = await backend.app.services.repos.outbox.list({
      to: ANNA_LOGIN.email,
      limit: 1,
    })
    expect(listed?.attachments.map((a) => a.fileName)).toEqual([fileName])
  })
})
