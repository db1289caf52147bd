/** One e-mail over SMTP through nodemailer: the sender worker's only way out. */
import type { SmtpSettings } from '../config.ts'
import type { OutboxAttachment } from '../db/repositories/outbox-repository.ts'

/** An e-mail as the transport sends it. */
export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  html: string | null
  /** `<…@…>`, the same on every attempt of one outbox message. */
  messageId: string
  attachments: readonly OutboxAttachment[]
}

export interface MailTransport {
  /** Resolves once the server has accepted the message; rejects on any failure or on `signal`. */
  deliver(email: OutgoingEmail, signal: AbortSignal): Promise<void>
  close(): void
}

/** nodemailer over the configured SMTP server, loaded on first use (most starts never send). */
export function createSmtpTransport(settings: SmtpSettings): MailTransport {
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
    async deliver(email, signal) {
      await (
        await open()
      ).sendMail({
        from: settings.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        signal,
        ...(email.html !== null ? { html: email.html } : {}),
        ...(email.attachments.length
          ? {
              attachments: email.attachments.map((a) => ({
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
