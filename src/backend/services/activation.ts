/**
 * Identification with the activation code from the letter (api.md "Activation
 * code"): five wrong codes lock activation until a new letter is requested; a
 * new letter voids the old code; codes are single-use and valid 30 days. The
 * right code binds the customer record to the account: the letter went to the
 * address on file, so holding it proves more than knowing the customer's data.
 */
import { timingSafeEqual } from 'node:crypto'
import { isActivationCodeFormat, normaliseActivationCode } from '../../shared/activation-code.ts'
import { MAX_WRONG_CODES, type LetterSent } from '../../shared/api/activation.ts'
import { ApiError, rateLimited, validationFailed } from '../errors.ts'
import { sendActivationLetter } from './activation-letters.ts'
import type { ServiceContext } from './context.ts'
import { activationState } from './identity.ts'
import type { Principal } from './sessions.ts'
import { hashToken } from './tokens.ts'

/** At most this many letters per account in LETTER_WINDOW_HOURS. */
export const MAX_LETTERS = 3
export const LETTER_WINDOW_HOURS = 24

const locked = (): ApiError =>
  new ApiError(423, 'activation_locked', 'Too many wrong codes. Please request a new letter.', {
    attemptsLeft: 0,
  })

const alreadyBound = (): ApiError =>
  new ApiError(
    409,
    'not_eligible',
    'Your customer record is already linked to another account. Please call customer service.',
  )

/** POST /me/activation: the right code binds the matched customer record to the account. */
export async function activate(
  ctx: ServiceContext,
  principal: Principal,
  input: string,
): Promise<{ activated: true }> {
  const { account } = principal
  if (account.activatedAt) return { activated: true }
  const code = normaliseActivationCode(input)
  if (!isActivationCodeFormat(code)) throw validationFailed({ code: 'invalid_format' })
  const now = ctx.clock.now()
  const latest = await ctx.repos.activationCodes.latest(account.id)
  const invalid = new ApiError(400, 'activation_code_invalid', 'The activation code is not right.')
  if (!latest || latest.voidedAt || latest.usedAt) throw invalid
  if (latest.failedAttempts >= MAX_WRONG_CODES) throw locked()
  if (new Date(latest.expiresAt) <= now) {
    throw new ApiError(
      410,
      'activation_code_expired',
      'The activation code has expired. Please request a new letter.',
    )
  }
  const given = Buffer.from(hashToken(code), 'hex')
  const stored = Buffer.from(latest.codeHash, 'hex')
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    const failures = await ctx.repos.activationCodes.recordFailure(latest.id)
    if (failures >= MAX_WRONG_CODES) throw locked()
    // The customer sees how many tries are left before the code locks.
    throw new ApiError(400, 'activation_code_invalid', 'The activation code is not right.', {
      attemptsLeft: MAX_WRONG_CODES - failures,
    })
  }
  const customerId = account.matchedCustomerId
  // A code goes out only to a matched account; be strict anyway.
  if (customerId === null) throw invalid
  await ctx.transaction(async (ctx) => {
    // The record is bound now, by the holder of the letter sent to its address; only once.
    const holder = await ctx.repos.accounts.byCustomerId(customerId)
    if (holder && holder.id !== account.id) throw alreadyBound()
    if (!(await ctx.repos.activationCodes.markUsed(latest.id, now))) throw invalid
    await ctx.repos.accounts.activate(account.id, customerId, now)
    // One language setting: the customer's letters follow the account's from now on.
    await ctx.repos.customers.setLocale(customerId, account.locale)
  })
  return { activated: true }
}

/**
 * POST /me/activation/letters: a new code by post; the old one stops working.
 * Answers the day the letter arrives by.
 */
export async function requestActivationLetter(
  ctx: ServiceContext,
  principal: Principal,
): Promise<LetterSent> {
  const { account } = principal
  if (account.activatedAt) {
    throw new ApiError(409, 'not_eligible', 'Your account is already activated.')
  }
  // Only to the record the details matched, and not when another account holds it meanwhile.
  const customer =
    (await activationState(ctx, account)).state === 'not_matched' ||
    account.matchedCustomerId === null
      ? null
      : await ctx.repos.customers.byId(account.matchedCustomerId)
  if (!customer) {
    throw new ApiError(
      409,
      'not_eligible',
      'We could not match your details to a customer record. Please correct them or call customer service.',
    )
  }
  const now = ctx.clock.now()
  const windowMs = LETTER_WINDOW_HOURS * 3_600_000
  const sent = await ctx.repos.activationCodes.lettersSince(
    account.id,
    new Date(now.getTime() - windowMs),
  )
  const allowed = sent.count < MAX_LETTERS
  // The oldest letter of the window is the next to leave it (this one, when it is the first).
  const oldest = sent.oldest ? new Date(sent.oldest).getTime() : now.getTime()
  const untilFree = Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000))
  ctx.limiter.announce(
    'activation-letters',
    { max: MAX_LETTERS, windowSeconds: windowMs / 1000 },
    {
      allowed,
      retryAfterSeconds: allowed ? 0 : untilFree,
      remaining: allowed ? MAX_LETTERS - sent.count - 1 : 0,
      resetSeconds: untilFree,
    },
  )
  if (!allowed) throw rateLimited(untilFree)
  return {
    status: 'letter_sent',
    letterExpectedBy: await sendActivationLetter(ctx, account, customer),
  }
}

/** Throws 403 activation_required until the account is activated (contracts, documents, services). */
export function requireActivated(principal: Principal): void {
  if (!principal.account.activatedAt) {
    throw new ApiError(
      403,
      'activation_required',
      'Please enter the activation code from our letter first.',
    )
  }
}

/** The customer record behind an activated account (contracts, documents, services). */
export function activatedCustomerId(principal: Principal): number {
  requireActivated(principal)
  const customerId = principal.account.customerId
  // An activated account always has its customer record; be strict anyway.
  if (customerId === null) throw new ApiError(403, 'activation_required', 'Not identified.')
  return customerId
}
