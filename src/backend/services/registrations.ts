/**
 * Registration and e-mail confirmation (api.md): answers never reveal whether
 * an address has an account; unconfirmed registrations are deleted when their
 * link expires; a confirmed account is matched against the customer records.
 */
import type { RegistrationRequest } from '../../shared/api/auth.ts'
import { isLinkToken } from '../../shared/deep-links.ts'
import type { FieldReason } from '../../shared/errors.ts'
import { addressedName } from '../../shared/greeting.ts'
import { checkName } from '../../shared/names.ts'
import { isoInstant } from '../clock.ts'
import { linkExpired, linkInvalid, rateLimited, validationFailed } from '../errors.ts'
import { buildLink, renderEmail, type EmailTemplate } from '../outbox/templates.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import { sendActivationLetter } from './activation-letters.ts'
import { normaliseEmail, type ServiceContext } from './context.ts'
import { checkIdentity, freeMatch } from './identity.ts'
import { checkPassword } from './password-policy.ts'
import { hashToken, newToken } from './tokens.ts'

/** Sends one of the account e-mails in the account's language. */
export async function sendAccountEmail(
  ctx: ServiceContext,
  to: { email: string; locale: Account['locale'] },
  template: EmailTemplate,
): Promise<void> {
  const content = renderEmail(template, to.locale, ctx.config.support)
  await ctx.outbox.send({ kind: 'email', to: to.email, ...content })
}

/**
 * The name e-mails greet with, in the account's language: "Frau Huber", or
 * "Anna Huber" without a salutation (the screens greet the same way). One line
 * without control characters, even for a name stored before names were checked.
 */
export function displayName(
  account: Pick<Account, 'salutation' | 'firstName' | 'lastName' | 'locale'>,
): string {
  return addressedName(account, account.locale)
}

/** Counts a mail-sending request per client and (optionally) per address; throws 429 over the limit. */
export async function limitMailRequests(
  ctx: ServiceContext,
  clientAddress: string,
  email?: string,
): Promise<void> {
  const perClient = await ctx.limiter.hit(
    'mail-client',
    clientAddress,
    ctx.config.rateLimits.mailPerClient,
  )
  if (!perClient.allowed) throw rateLimited(perClient.retryAfterSeconds)
  if (email !== undefined) {
    // Not announced: what is left for an address would tell how often others asked for it.
    const perAddress = await ctx.limiter.hit(
      'mail-address',
      email,
      ctx.config.rateLimits.perAddress,
      {
        announce: false,
      },
    )
    if (!perAddress.allowed) throw rateLimited(perAddress.retryAfterSeconds)
  }
}

/** A mail-sending request about one address: counted per client and per address; returns it normalised. */
export async function limitMailRequestsFor(
  ctx: ServiceContext,
  clientAddress: string,
  rawEmail: string,
): Promise<string> {
  const email = normaliseEmail(rawEmail)
  await limitMailRequests(ctx, clientAddress, email)
  return email
}

/**
 * Issues a new single-use e-mail link (the old unused ones of that purpose stop
 * working) and returns the full link for the e-mail; only its hash is stored.
 */
export async function issueEmailLink(
  ctx: ServiceContext,
  accountId: number,
  purpose: 'confirm' | 'reset',
  expiresAt: Date,
): Promise<string> {
  const token = newToken()
  const now = ctx.clock.now()
  await ctx.repos.links.voidAll(accountId, purpose, now)
  await ctx.repos.links.insert({ accountId, purpose, tokenHash: hashToken(token), expiresAt }, now)
  return buildLink(ctx.config.linkBase, purpose, token)
}

/** A reset link valid for the configured minutes. */
export async function issueResetLink(ctx: ServiceContext, accountId: number): Promise<string> {
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.resetLinkMinutes * 60_000)
  return await issueEmailLink(ctx, accountId, 'reset', expiresAt)
}

/** Creates a new confirmation link for a pending account and e-mails it. */
async function sendConfirmation(ctx: ServiceContext, account: Account): Promise<void> {
  await sendAccountEmail(ctx, account, {
    kind: 'confirm_registration',
    name: displayName(account),
    link: await issueEmailLink(ctx, account.id, 'confirm', new Date(account.confirmExpiresAt)),
    validHours: ctx.config.confirmationHours,
  })
}

/** POST /registrations. */
export async function register(
  ctx: ServiceContext,
  input: RegistrationRequest,
  clientAddress: string,
): Promise<{ status: 'confirmation_sent'; expiresAt: string }> {
  const email = normaliseEmail(input.email)
  const fields: Record<string, FieldReason> = {}
  // Names go into the greeting of every e-mail: letters only, no line break, no link.
  const first = checkName(input.firstName)
  if (!first.ok) fields.firstName = first.reason
  const firstName = first.ok ? first.name : input.firstName.trim()
  // Customer number, last name and date of birth: the rules a correction follows too.
  const identity = checkIdentity(ctx, input, fields)
  const { lastName } = identity
  const problem = checkPassword(input.password, { email, firstName, lastName })
  if (problem) fields.password = problem
  if (Object.keys(fields).length > 0) throw validationFailed(fields)
  await limitMailRequests(ctx, clientAddress)

  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + ctx.config.confirmationHours * 3_600_000)
  // Hash in every case, so an existing address answers as fast as a new one.
  const passwordHash = await ctx.hasher.hash(input.password)
  const existing = await ctx.repos.accounts.byEmail(email)
  if (existing?.status === 'confirmed') {
    await sendAccountEmail(ctx, existing, {
      kind: 'already_registered',
      name: displayName(existing),
      resetLink: await issueResetLink(ctx, existing.id),
    })
    return { status: 'confirmation_sent', expiresAt: isoInstant(expiresAt) }
  }
  const account = await ctx.transaction(async (ctx) => {
    // A pending registration for the address is replaced by the new one.
    if (existing) await ctx.repos.accounts.delete(existing.id)
    const id = await ctx.repos.accounts.insert({
      email,
      passwordHash,
      salutation: input.salutation ?? 'none',
      firstName,
      lastName,
      dateOfBirth: identity.dateOfBirth,
      customerNumber: identity.customerNumber,
      locale: input.locale ?? 'de',
      status: 'pending',
      confirmExpiresAt: expiresAt.toISOString(),
      createdAt: now.toISOString(),
    })
    return (await ctx.repos.accounts.byId(id)) as Account
  })
  await sendConfirmation(ctx, account)
  return { status: 'confirmation_sent', expiresAt: isoInstant(expiresAt) }
}

/** POST /registrations/resend: always 202; a pending registration gets a new link. */
export async function resendConfirmation(
  ctx: ServiceContext,
  rawEmail: string,
  clientAddress: string,
): Promise<void> {
  const email = await limitMailRequestsFor(ctx, clientAddress, rawEmail)
  await sweepExpiredRegistrations(ctx)
  const account = await ctx.repos.accounts.byEmail(email)
  if (account?.status === 'pending') await sendConfirmation(ctx, account)
}

/** 410 link_expired of a registration whose confirmation time ran out: its data is gone. */
const registrationDeleted = () =>
  linkExpired('The link has expired; the registration data was deleted.')

/** POST /registrations/confirm. */
export async function confirmRegistration(
  ctx: ServiceContext,
  token: string,
): Promise<{ status: 'confirmed' | 'already_confirmed' }> {
  // A malformed token is as unknown as any other.
  if (!isLinkToken(token)) throw linkInvalid()
  const hash = hashToken(token)
  const link = await ctx.repos.links.find(hash, 'confirm')
  const now = ctx.clock.now()
  if (!link) {
    if (await ctx.repos.links.wasExpired(hash)) {
      throw registrationDeleted()
    }
    throw linkInvalid()
  }
  const account = await ctx.repos.accounts.byId(link.accountId)
  if (!account) throw linkInvalid()
  if (account.status === 'confirmed') return { status: 'already_confirmed' }
  if (new Date(account.confirmExpiresAt) <= now) {
    await sweepExpiredRegistrations(ctx)
    throw registrationDeleted()
  }
  if (link.usedAt) throw linkInvalid()
  // Matched, not bound: the record goes to the account that enters the code from the letter
  // at its address (activation). A record already bound gets no letter for another account.
  const matched = await freeMatch(ctx, account, account.id)
  const confirmed = await ctx.transaction(async (ctx) => {
    if (!(await ctx.repos.accounts.confirm(account.id, now, matched?.id ?? null))) return false
    await ctx.repos.links.claim(link.id, now)
    // Wrong passwords counted against the address before it had an account are not its owner's.
    await ctx.repos.failures.clear(account.email)
    return true
  })
  if (!confirmed) return { status: 'already_confirmed' }
  const fresh = (await ctx.repos.accounts.byId(account.id)) as Account
  if (matched) {
    await sendActivationLetter(ctx, fresh, matched)
    await sendAccountEmail(ctx, fresh, { kind: 'activation_letter_sent', name: displayName(fresh) })
  } else {
    await sendAccountEmail(ctx, fresh, { kind: 'registration_unmatched', name: displayName(fresh) })
  }
  return { status: 'confirmed' }
}

/**
 * Deletes unconfirmed registrations whose link has expired, with all their
 * rows; keeps only the links' hashes to answer "expired" later. Returns how many.
 */
export async function sweepExpiredRegistrations(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now()
  const ids = await ctx.repos.accounts.expiredPendingIds(now)
  if (ids.length === 0) return 0
  await ctx.transaction(async (ctx) => {
    for (const id of ids) {
      await ctx.repos.links.rememberExpired(id, now)
      await ctx.repos.accounts.delete(id)
    }
  })
  return ids.length
}
