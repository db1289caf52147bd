/**
 * The details a registration is matched by (customer number, last name, date
 * of birth): their rules, shared by registration and the correction; the match
 * against the customer records; where an account stands on its way to the
 * contract data (GET /me/activation); and the correction of the details of an
 * account that matched no record (PUT /me/identity).
 *
 * No answer tells a near miss (a right customer number with a wrong name) from
 * no record at all, nor a record bound to another account from none: each is
 * `not_matched`. Only a full match sends a letter, and only to the address on
 * file; the record is bound when its code is entered (activation).
 */
import {
  IDENTITY_CORRECTIONS_PER_DAY,
  MAX_WRONG_CODES,
  type ActivationState,
  type IdentityCorrection,
} from '../../shared/api/activation.ts'
import { checkCustomerNumber, normaliseCustomerNumber } from '../../shared/customer-number.ts'
import { isCalendarDate, viennaDay } from '../../shared/dates.ts'
import type { FieldReason } from '../../shared/errors.ts'
import { checkName } from '../../shared/names.ts'
import { isoInstant } from '../clock.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import { ApiError, validationFailed } from '../errors.ts'
import { letterExpectedBy, sendActivationLetter } from './activation-letters.ts'
import type { ServiceContext } from './context.ts'
import { DAY_SECONDS, enforcePersistedLimit, windowStart } from './persisted-limit.ts'
import type { RateLimit } from './rate-limiter.ts'
import type { Principal } from './sessions.ts'

/** The details a registration is matched by. */
export type Identity = IdentityCorrection

/** The earliest date of birth taken. */
const EARLIEST_BIRTH_DATE = '1900-01-01'

/**
 * Checks the three details by registration's rules; puts each problem into
 * `fields` and returns the details as they are stored (normalised).
 */
export function checkIdentity(
  ctx: ServiceContext,
  input: Identity,
  fields: Record<string, FieldReason>,
): Identity {
  const number = checkCustomerNumber(input.customerNumber)
  if (!number.ok) fields.customerNumber = number.reason
  // Names go into the greeting of every e-mail: letters only, no line break, no link.
  const last = checkName(input.lastName)
  if (!last.ok) fields.lastName = last.reason
  if (!isCalendarDate(input.dateOfBirth)) fields.dateOfBirth = 'invalid_format'
  else if (
    input.dateOfBirth > isoInstant(ctx.clock.now()).slice(0, 10) ||
    input.dateOfBirth < EARLIEST_BIRTH_DATE
  ) {
    fields.dateOfBirth = 'out_of_range'
  }
  return {
    customerNumber: number.ok
      ? number.customerNumber
      : normaliseCustomerNumber(input.customerNumber),
    lastName: last.ok ? last.name : input.lastName.trim(),
    dateOfBirth: input.dateOfBirth,
  }
}

/**
 * The customer record the details match, unless another account holds it
 * (activated with its code): that one gets no letter for this account.
 */
export async function freeMatch(
  ctx: ServiceContext,
  identity: Identity,
  accountId: number,
): Promise<CustomerRecord | null> {
  const customer = await ctx.repos.customers.findMatch(
    identity.customerNumber,
    identity.lastName,
    identity.dateOfBirth,
  )
  if (!customer) return null
  const holder = await ctx.repos.accounts.byCustomerId(customer.id)
  return holder && holder.id !== accountId ? null : customer
}

/** GET /me/activation: where the account stands (api.md "Activation code"). */
export async function activationState(
  ctx: ServiceContext,
  account: Account,
): Promise<ActivationState> {
  if (account.activatedAt) return { state: 'activated' }
  const now = ctx.clock.now()
  const matched =
    account.matchedCustomerId === null
      ? null
      : await ctx.repos.customers.byId(account.matchedCustomerId)
  const holder = matched ? await ctx.repos.accounts.byCustomerId(matched.id) : null
  if (!matched || (holder && holder.id !== account.id)) {
    return {
      state: 'not_matched',
      registered: {
        customerNumber: account.customerNumber,
        lastName: account.lastName,
        dateOfBirth: account.dateOfBirth,
      },
    }
  }
  const code = await ctx.repos.activationCodes.latest(account.id)
  // A new letter requested now arrives by then.
  const newLetter = letterExpectedBy(now)
  if (code && !code.voidedAt && !code.usedAt && code.failedAttempts >= MAX_WRONG_CODES) {
    return { state: 'locked', letterExpectedBy: newLetter }
  }
  // No code to enter (none was sent, or its 30 days are over): a new letter is the way.
  if (!code || code.voidedAt || code.usedAt || new Date(code.expiresAt) <= now) {
    return { state: 'code_expired', letterExpectedBy: newLetter }
  }
  const postedAt = new Date(code.createdAt)
  return {
    state: 'letter_sent',
    letterSentOn: viennaDay(postedAt),
    letterExpectedBy: letterExpectedBy(postedAt),
    codeValidUntil: viennaDay(new Date(code.expiresAt)),
    attemptsLeft: MAX_WRONG_CODES - code.failedAttempts,
  }
}

/** Per account: the corrections are guesses at customer records, so only a few a day. */
const CORRECTION_LIMIT: RateLimit = {
  max: IDENTITY_CORRECTIONS_PER_DAY,
  windowSeconds: DAY_SECONDS,
}

/**
 * PUT /me/identity: an account that matched no record corrects customer
 * number, last name and date of birth. On a match the activation letter goes
 * to the address on file (the record is bound only when its code is entered).
 * Answers the state either way, `not_matched` alike for a near miss, no record
 * and a record another account holds. Checked in this order: the state (409),
 * the details (400), the limit (429).
 */
export async function correctIdentity(
  ctx: ServiceContext,
  principal: Principal,
  input: Identity,
): Promise<ActivationState> {
  const { account } = principal
  const before = await activationState(ctx, account)
  if (before.state !== 'not_matched') {
    throw new ApiError(
      409,
      'not_eligible',
      before.state === 'activated'
        ? 'Your account is already activated.'
        : 'Your details match our records: the letter with the activation code is on its way.',
      { reason: before.state === 'activated' ? 'already_activated' : 'already_matched' },
    )
  }
  const fields: Record<string, FieldReason> = {}
  const identity = checkIdentity(ctx, input, fields)
  if (Object.keys(fields).length > 0) throw validationFailed(fields)

  const now = ctx.clock.now()
  const match = await freeMatch(ctx, identity, account.id)
  await ctx.transaction(async (ctx) => {
    // Inside the transaction: of parallel corrections none gets past the limit.
    enforcePersistedLimit(
      await ctx.repos.identityCorrections.nthNewestSince(
        account.id,
        windowStart(now, CORRECTION_LIMIT),
        CORRECTION_LIMIT.max,
      ),
      CORRECTION_LIMIT,
      now,
    )
    await ctx.repos.identityCorrections.record(account.id, now)
    if (!(await ctx.repos.accounts.setIdentity(account.id, identity, match?.id ?? null))) {
      throw new ApiError(409, 'not_eligible', 'Your account is already activated.', {
        reason: 'already_activated',
      })
    }
    // GET /me shows the details until activation: its ETag moves on.
    await ctx.repos.accounts.bumpProfileVersion(account.id)
  })
  const corrected = (await ctx.repos.accounts.byId(account.id)) ?? account
  if (match) await sendActivationLetter(ctx, corrected, match)
  return await activationState(ctx, corrected)
}
