/** A real local SMTP server (smtp-server) that records what it receives and answers as a test tells it. */
import { SMTPServer } from 'smtp-server'
import type { SmtpSettings } from '../../src/backend/config.ts'

/** One message the server received in full (after the DATA's final dot). */
export interface ReceivedMail {
  from: string
  to: string[]
  /** The raw message, bytes as latin1 characters (base64 attachments stay intact). */
  data: string
  messageId: string
  /** null while the answer is outstanding (a slow or hanging server). */
  accepted: boolean | null
}

/** What the server answers to the n-th message (from 0): 250, a temporary 451, or nothing at all. */
export type SmtpAnswer = 'accept' | 'refuse' | 'hang'

export interface TestSmtpServer {
  port: number
  /** The settings for a backend that sends through this server. */
  settings: SmtpSettings
  received: ReceivedMail[]
  /** The messages the server accepted (answered 250). */
  accepted(): ReceivedMail[]
  close(): Promise<void>
}

/** Starts a server on a free loopback port; `delayMs` before every answer. */
export async function startSmtpServer(
  options: { answer?: (n: number) => SmtpAnswer; delayMs?: number } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // A hanging answer must not keep close() waiting for half a minute.
    closeTimeout: 200,
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')))
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          messageId: /^Message-ID:\s*(\S+)/im.exec(data)?.[1] ?? '',
          accepted: null,
        }
        const answer = options.answer?.(received.length) ?? 'accept'
        received.push(mail)
        if (answer === 'hang') return
        setTimeout(() => {
          mail.accepted = answer === 'accept'
          if (mail.accepted) return callback()
          const refusal = Object.assign(new Error('Please try again later'), { responseCode: 451 })
          callback(refusal)
        }, options.delayMs ?? 0)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return {
    port,
    settings: {
      host: '127.0.0.1',
      port,
      secure: false,
      from: 'My MINI Finance <no-reply@mini.at>',
    },
    received,
    accepted: () => received.filter((m) => m.accepted === true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A text message as a mail program shows it: quoted-printable undone (soft line
 * breaks joined, =XX as bytes, UTF-8). Where a long line is folded depends on
 * the text before it, so a link is looked for here, not in the raw data.
 * For messages without attachments.
 */
export function readableText(mail: ReceivedMail): string {
  const unfolded = mail.data.replace(/=\r?\n/g, '')
  const bytes = unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  )
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** Waits until `condition` holds, checking every 10 ms; throws after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
