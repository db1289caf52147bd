/**
 * Where the backend's e-mails and letters go: every message is written to the
 * outbox table, and nothing here waits for a mail server. With SMTP settings
 * the table is also the queue of the sender worker (sender.ts), which delivers
 * the e-mails; letters are never sent by SMTP. Without SMTP settings the table
 * is all there is: the demo mailbox.
 */
import type { Clock } from '../clock.ts'
import type { OutboxAttachment, OutboxRepository } from '../db/repositories/outbox-repository.ts'
import type { OutboxSender } from './sender.ts'

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
  /**
   * Writes the message (inside the caller's transaction when there is one) and wakes
   * the sender; never waits for the delivery.
   */
  send(message: OutgoingMessage): Promise<void>
  /**
   * Writes an e-mail that the sender delivers only at `dueAt` and that `revise`
   * may rewrite until then; answers its id. Without a sender it is only kept in
   * the table (the demo mailbox), and stays revisable.
   */
  schedule(message: Omit<OutgoingMessage, 'kind' | 'attachments'>, dueAt: Date): Promise<number>
  /** Rewrites a scheduled e-mail that no sender has taken up yet; false once one has. */
  revise(id: number, content: { subject: string; text: string; html?: string }): Promise<boolean>
}

/** Writes every message to the outbox table; with a sender, e-mails are queued for it. */
export function createDatabaseOutbox(
  repository: OutboxRepository,
  clock: Clock,
  sender: Pick<OutboxSender, 'wake'> | null = null,
): Outbox {
  return {
    async send(message) {
      const deliver = sender !== null && message.kind === 'email'
      await repository.insert({
        kind: message.kind,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        links: message.links ?? [],
        ...(message.attachments?.length ? { attachments: message.attachments } : {}),
        createdAt: clock.now().toISOString(),
        deliver,
      })
      // Inside a transaction the context wakes the sender after the commit.
      if (deliver) sender.wake()
    },
    async schedule(message, dueAt) {
      const id = await repository.insert({
        kind: 'email',
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        links: message.links ?? [],
        createdAt: clock.now().toISOString(),
        deliver: sender !== null,
        dueAt: dueAt.toISOString(),
      })
      // The sender sleeps until its next due message: it must learn of this one.
      sender?.wake()
      return id
    },
    revise: (id, content) =>
      repository.revise(
        id,
        { subject: content.subject, text: content.text, html: content.html ?? null },
        clock.now(),
      ),
  }
}
