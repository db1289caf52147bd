/** Sends the activation code by post: a new code (hashed, 30 days), the old one voided. */
import { addWorkingDays, viennaDay } from '../../shared/dates.ts'
import { activationLetter, postalRecipient } from '../outbox/letters.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import type { ServiceContext } from './context.ts'
import { hashToken, newActivationCode } from './tokens.ts'

export const ACTIVATION_CODE_DAYS = 30
/** A letter posted on a day is at the customer's by this many working days later (Monday to Friday). */
export const LETTER_DELIVERY_WORKING_DAYS = 3

/** The day a letter posted at `postedAt` arrives by (Vienna's calendar). */
export function letterExpectedBy(postedAt: Date): string {
  return addWorkingDays(viennaDay(postedAt), LETTER_DELIVERY_WORKING_DAYS)
}

/**
 * Files a letter with a new activation code to the customer's postal address on
 * file; returns the day it arrives by.
 */
export async function sendActivationLetter(
  ctx: ServiceContext,
  account: Account,
  customer: CustomerRecord,
): Promise<string> {
  const now = ctx.clock.now()
  const code = newActivationCode()
  const validUntil = new Date(now.getTime() + ACTIVATION_CODE_DAYS * 86_400_000)
  await ctx.repos.activationCodes.issue(account.id, hashToken(code), validUntil, now)
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
  return letterExpectedBy(now)
}
