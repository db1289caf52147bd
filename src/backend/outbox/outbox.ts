/**
 * Where the backend's e-mails and letters go. The embedded backend cannot send
 * real mail or post: both land in the outbox table (shown in the demo mailbox).
 * With SMTP settings, e-mails go out through nodemailer instead.
 */
import type { Clock } from '../clock.ts'
import type { SmtpSettings } from '../config.ts'
import type { OutboxAttachment, OutboxRepository } from '../db/repositories/outbox-repository.ts'

export interface OutgoingMessage {
  kind: 'email' | 'letter'
  to: string
  subject: string
  text: string
  /** An HTML alternative of `text` (e-mails only); `text` stays complete on its own. */
  html?: string
  links?: string[]
  /** Files sent with an e-mail (a document to the customer's own address), in this order. */
  attachments?: readonly OutboxAttachment[]
}

export interface Outbox {
  send(message: OutgoingMessage): Promise<void>
}

/** Writes every message to the outbox table. */
export function createDatabaseOutbox(repository: OutboxRepository, clock: Clock): Outbox {
  return {
    async send(message) {
      repository.insert({
        kind: message.kind,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        links: message.links ?? [],
        ...(message.attachments?.length ? { attachments: message.attachments } : {}),
        createdAt: clock.now().toISOString(),
      })
    },
  }
}

/** Sends e-mails over SMTP; letters (post) still go to `letters`. */
export function createSmtpOutbox(
  settings: SmtpSettings,
  letters: Outbox,
): Outbox & { close(): void } {
  // nodemailer is loaded on first use: most starts never send mail.
  let transport: import('nodemailer').Transporter | null = null
  const open = async (): Promise<import('nodemailer').Transporter> => {
    const nodemailer = (await import('nodemailer')).default
    transport ??= nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    })
    return transport
  }
  return {
    async send(message) {
      if (message.kind === 'letter') return letters.send(message)
      await (
        await open()
      ).sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.fileName,
                contentType: a.contentType,
                content: Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
              })),
            }
          : {}),
      })
    },
    close: () => transport?.close(),
  }
}
