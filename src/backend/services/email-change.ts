/**
 * Changing the sign-in address (api.md "Profile"): the password confirms the
 * request, a 24-hour single-use link goes to the new address, the old address
 * is told. Nothing changes until the link is used; then the new address signs
 * in, the old one does not, and every session ends.
 */
import type { EmailChangeAccepted, EmailChangeResult } from '../../shared/api/profile.ts'
import { EMAIL_CHANGE_LINK_HOURS } from '../../shared/api/profile.ts'
import { isLinkToken } from '../../shared/deep-links.ts'
import { isoInstant } from '../clock.ts'
import { accountLocked, ApiError, linkExpired, linkInvalid, validationFailed } from '../errors.ts'
import { buildLink } from '../outbox/templates.ts'
import { normaliseEmail, type ServiceContext } from './context.ts'
import { fileChangeConfirmation } from './documents.ts'
import { displayName, sendAccountEmail } from './registrations.ts'
import { confirmPassword, type Principal } from './sessions.ts'
import { hashToken, newToken } from './tokens.ts'

/**
 * POST /me/email-change. The answer is the same whether or not the new
 * address has an account; if it has one, that address gets an e-mail saying
 * so instead of a link (its owner learns nothing about the requester).
 */
export async function requestEmailChange(
  ctx: ServiceContext,
  principal: Principal,
  input: { newEmail: string; password: string },
): Promise<EmailChangeAccepted> {
  const { account } = principal
  const newEmail = normaliseEmail(input.newEmail)
  if (newEmail === account.email) throw validationFailed({ newEmail: 'invalid_value' })
  // Counted with sign-in; a locked account is unlocked by a password reset only, never by
  // moving to a new address.
  await confirmPassword(ctx, principal, input.password)

  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_LINK_HOURS * 3_600_000)
  const holder = await ctx.repos.accounts.byEmail(newEmail)
  const taken = holder !== null && holder.status === 'confirmed'
  const token = newToken()
  await ctx.transaction(async (ctx) => {
    // A new request replaces the earlier ones.
    await ctx.repos.links.voidAll(account.id, 'email_change', now)
    if (!taken) {
      await ctx.repos.links.insert(
        {
          accountId: account.id,
          purpose: 'email_change',
          tokenHash: hashToken(token),
          payload: newEmail,
          expiresAt,
        },
        now,
      )
    }
  })
  const name = displayName(account)
  await sendAccountEmail(ctx, account, { kind: 'email_change_requested', name, newEmail })
  if (holder && taken) {
    await sendAccountEmail(ctx, holder, {
      kind: 'email_change_address_taken',
      name: displayName(holder),
    })
  } else {
    await sendAccountEmail(
      ctx,
      { email: newEmail, locale: account.locale },
      {
        kind: 'email_change_confirm',
        name,
        link: buildLink(ctx.config.linkBase, 'email-change', token),
        validHours: EMAIL_CHANGE_LINK_HOURS,
      },
    )
  }
  return { status: 'confirmation_sent', expiresAt: isoInstant(expiresAt) }
}

/**
 * POST /me/email-change/confirm. Needs no session: the link is opened from the
 * new mailbox, maybe on another device; holding it proves that mailbox, and
 * the password confirmed the request. Single use.
 */
export async function confirmEmailChange(
  ctx: ServiceContext,
  token: string,
): Promise<EmailChangeResult> {
  // A malformed token is as unknown as any other.
  const link = isLinkToken(token)
    ? await ctx.repos.links.find(hashToken(token), 'email_change')
    : null
  if (!link || link.usedAt || !link.payload) throw linkInvalid()
  const now = ctx.clock.now()
  if (new Date(link.expiresAt) <= now) {
    throw linkExpired('The link has expired. Please request the change again.')
  }
  const account = await ctx.repos.accounts.byId(link.accountId)
  if (!account) throw linkInvalid()
  if ((await ctx.repos.failures.state(account.email)).locked) throw accountLocked()
  const newEmail = link.payload
  const holder = await ctx.repos.accounts.byEmail(newEmail)
  // Registered with the address after the request: the link's holder owns that mailbox, so
  // saying so reveals nothing to them.
  if (holder && holder.id !== account.id && holder.status === 'confirmed') {
    throw new ApiError(409, 'not_eligible', 'An account with this e-mail address already exists.')
  }
  await ctx.transaction(async (ctx) => {
    // Of two parallel uses exactly one gets past this.
    if (!(await ctx.repos.links.claim(link.id, now))) throw linkInvalid()
    // An unconfirmed registration never proved the mailbox; the link's holder just did.
    if (holder && holder.id !== account.id) await ctx.repos.accounts.delete(holder.id)
    await ctx.repos.accounts.setEmail(account.id, newEmail)
    await ctx.repos.accounts.bumpProfileVersion(account.id)
    // Failures counted against the address before it had this account are not its owner's.
    await ctx.repos.failures.clear(newEmail)
    await ctx.repos.sessions.revokeAllOf(account.id, now)
    // A reset link sent to the old address must not work any more.
    await ctx.repos.links.voidAll(account.id, 'reset', now)
    await ctx.repos.links.voidAll(account.id, 'email_change', now)
  })
  const customer =
    account.activatedAt !== null && account.customerId !== null
      ? await ctx.repos.customers.byId(account.customerId)
      : null
  if (customer) await fileChangeConfirmation(ctx, customer, { kind: 'email_change', newEmail })
  await sendAccountEmail(
    ctx,
    { email: newEmail, locale: account.locale },
    { kind: 'email_changed', name: displayName(account), newEmail },
  )
  return { status: 'email_changed', email: newEmail }
}
