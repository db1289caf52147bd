/**
 * "Send to my e-mail" (api.md "Correspondence", for kiosk terminals where
 * nothing may be saved): a document's PDF goes as an attachment to the
 * account's registered address, never to one the request names. Rate-limited
 * per customer; nothing is marked read.
 */
import {
  DOCUMENT_EMAILS_PER_DAY,
  DOCUMENT_EMAILS_PER_HOUR,
  type DocumentEmailAnswer,
} from '../../shared/api/documents.ts'
import { formatDate } from '../../shared/format.ts'
import { rateLimited } from '../errors.ts'
import { renderEmail } from '../outbox/templates.ts'
import { activatedCustomerId } from './activation.ts'
import type { ServiceContext } from './context.ts'
import { documentContent } from './documents.ts'
import type { RateLimit } from './rate-limiter.ts'
import { displayName } from './registrations.ts'
import type { Principal } from './sessions.ts'

/** Per customer: 5 e-mails in any hour and 20 in any 24 hours (sliding windows). */
export const DOCUMENT_EMAIL_LIMITS: readonly { bucket: string; limit: RateLimit }[] = [
  { bucket: 'document-email-hour', limit: { max: DOCUMENT_EMAILS_PER_HOUR, windowSeconds: 3600 } },
  { bucket: 'document-email-day', limit: { max: DOCUMENT_EMAILS_PER_DAY, windowSeconds: 86_400 } },
]

/** The answer: `to` is the registered address, masked (maskEmail). */
export type DocumentEmailSent = DocumentEmailAnswer

/**
 * The address as the answer shows it: each dot-separated part of the local
 * part keeps its first character, the rest becomes "***"; the domain stays
 * ("anna.huber@demo.mini.at" → "a***.h***@demo.mini.at").
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  const local = email.slice(0, at)
  const masked = local
    .split('.')
    .map((part) => {
      const first = Array.from(part)[0]
      return first === undefined ? '' : `${first}***`
    })
    .join('.')
  return `${masked}@${email.slice(at + 1)}`
}

// Control and direction-override characters have no place in a subject line.
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** POST /documents/{id}/email: the PDF, byte for byte as GET …/content serves it, under its file name. */
export async function emailDocument(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<DocumentEmailSent> {
  const customerId = activatedCustomerId(principal)
  // Unknown and other customers' ids answer 404 before anything is counted.
  const stored = await documentContent(ctx, principal, id, 'change')
  const { doc, title, fileName } = stored
  // Counted before sending, so parallel requests cannot exceed the limit; the hour first,
  // so that a request the hour refuses does not use up the day.
  for (const { bucket, limit } of DOCUMENT_EMAIL_LIMITS) {
    const decision = await ctx.limiter.hit(bucket, String(customerId), limit)
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds)
  }
  const { account } = principal
  const content = renderEmail(
    {
      kind: 'document_copy',
      name: displayName(account),
      title: title.replace(UNPRINTABLE, ''),
      date: formatDate(doc.spec.date, account.locale),
    },
    account.locale,
    ctx.config.support,
  )
  await ctx.outbox.send({
    kind: 'email',
    to: account.email,
    ...content,
    // A letter is a few kilobytes: the attachment is read whole.
    attachments: [
      {
        fileName,
        contentType: 'application/pdf',
        bytes: await readAll(stored.read(0, stored.sizeBytes - 1)),
      },
    ],
  })
  return { status: 'sent', to: maskEmail(account.email) }
}

/** Every piece of `pieces`, joined. */
async function readAll(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = []
  for await (const piece of pieces) all.push(piece)
  return Buffer.concat(all)
}
