/** Sends the activation code by post: a new code (hashed, 30 days), the old one voided. */
import { activationLetter, postalRecipient } from '../outbox/letters.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import type { ServiceContext } from './context.ts'
import { hashToken, newActivationCode } from './tokens.ts'

export const ACTIVATION_CODE_DAYS = 30

/** Files a letter with a new activation code to the customer's postal address on file. */
export async function sendActivationLetter(
  ctx: ServiceContext,
  account: Account,
  customer: CustomerRecord,
): Promise<void> {
  const now = ctx.clock.now()
  const code = newActivationCode()
  const validUntil = new Date(now.getTime() + ACTIVATION_CODE_DAYS * 86_400_000)
  ctx.repos.activationCodes.issue(account.id, hashToken(code), validUntil, now)
  const letter = activationLetter({
    customer,
    locale: account.locale,
    code,
    validUntil,
    date: now,
    support: ctx.config.support,
  })
  await ctx.outbox.send({
    kind: 'letter',
    to: postalRecipient(customer),
    subject: letter.subject,
    text: letter.text,
  })
}
