/**
 * Sign-in, token rotation, sign-out and passwords (api.md "Sessions, lockout
 * and passwords"). Failures are counted per normalised address whether or not
 * an account exists; every path verifies a hash, so answers take as long.
 */
import { randomUUID } from 'node:crypto'
import type { PasswordResetCheck, SessionCustomer, TokenResponse } from '../../shared/api/auth.ts'
import type { MfaRequired } from '../../shared/api/mfa.ts'
import { isLinkToken } from '../../shared/deep-links.ts'
import { isoInstant } from '../clock.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { EmailLink } from '../db/repositories/email-links-repository.ts'
import {
  accountLocked,
  ApiError,
  linkExpired,
  linkInvalid,
  rateLimited,
  validationFailed,
} from '../errors.ts'
import { normaliseEmail, type ServiceContext } from './context.ts'
import { openChallenge } from './mfa-challenge.ts'
import { checkPassword, normalisePassword } from './password-policy.ts'
import {
  displayName,
  issueResetLink,
  limitMailRequestsFor,
  sendAccountEmail,
} from './registrations.ts'
import { hashToken, newToken } from './tokens.ts'

/** Who is calling, from a valid access token. */
export interface Principal {
  account: Account
  familyId: string
}

const invalidCredentials = (attemptsLeft: number): ApiError =>
  new ApiError(401, 'invalid_credentials', 'The e-mail address or the password is wrong.', {
    attemptsLeft,
  })
/** The customer as the app sees it. */
export function sessionCustomer(account: Account): SessionCustomer {
  return {
    customerNumber: account.customerNumber,
    salutation: account.salutation,
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.email,
    locale: account.locale,
    activated: account.activatedAt !== null,
  }
}

/** When a session family ends however often it is refreshed: its sign-in plus the absolute lifetime. */
function familyEnd(ctx: ServiceContext, familyCreatedAt: Date): Date {
  return new Date(familyCreatedAt.getTime() + ctx.config.sessionMaxDays * 86_400_000)
}

async function issueTokens(
  ctx: ServiceContext,
  account: Account,
  family: { id: string; createdAt: Date },
): Promise<TokenResponse> {
  const now = ctx.clock.now()
  const familyId = family.id
  const accessToken = newToken()
  const refreshToken = newToken()
  // No token outlives its family.
  const end = familyEnd(ctx, family.createdAt).getTime()
  const accessExpires = new Date(
    Math.min(now.getTime() + ctx.config.accessTokenMinutes * 60_000, end),
  )
  const refreshExpires = new Date(
    Math.min(now.getTime() + ctx.config.refreshTokenDays * 86_400_000, end),
  )
  await ctx.repos.sessions.addAccessToken(hashToken(accessToken), familyId, accessExpires)
  await ctx.repos.sessions.addRefreshToken(hashToken(refreshToken), familyId, refreshExpires)
  return {
    accessToken,
    accessTokenExpiresAt: isoInstant(accessExpires),
    refreshToken,
    refreshTokenExpiresAt: isoInstant(refreshExpires),
    customer: sessionCustomer(account),
  }
}

/** The sign-in's limit per client address (the password step and the code step): 429 beyond it. */
export async function limitSignIns(ctx: ServiceContext, clientAddress: string): Promise<void> {
  const perClient = await ctx.limiter.hit(
    'sign-in-client',
    clientAddress,
    ctx.config.rateLimits.signInPerClient,
  )
  if (!perClient.allowed) throw rateLimited(perClient.retryAfterSeconds)
}

/** POST /sessions. */
export async function signIn(
  ctx: ServiceContext,
  input: { email: string; password: string },
  clientAddress: string,
): Promise<TokenResponse | MfaRequired> {
  await limitSignIns(ctx, clientAddress)
  const email = normaliseEmail(input.email)
  const account = await ctx.repos.accounts.byEmail(email)
  const verify = (): Promise<boolean> =>
    account
      ? ctx.hasher.verify(account.passwordHash, input.password)
      : ctx.hasher.verifyDummy(input.password).then(() => false)

  // With the second factor on, the right password alone neither counts nor resets the
  // count: only the code does, so that guessing codes runs into the same lock.
  const secondFactor = account ? (await ctx.repos.mfa.totp(account.id)) !== null : false
  const check = await checkCounted(ctx, email, account, verify, {
    secondFactorFollows: secondFactor,
  })
  if (!check.ok || !account) throw invalidCredentials(check.attemptsLeft)
  if (account.status !== 'confirmed') {
    throw new ApiError(403, 'email_not_confirmed', 'Please confirm your e-mail address first.')
  }
  if (secondFactor) return await openChallenge(ctx, account)
  return await startSession(ctx, account)
}

/** A new session (refresh family) of a signed-in account, and its first tokens. */
export async function startSession(ctx: ServiceContext, account: Account): Promise<TokenResponse> {
  const family = { id: randomUUID(), createdAt: ctx.clock.now() }
  return ctx.transaction(async (ctx) => {
    await ctx.repos.sessions.createFamily(family.id, account.id, family.createdAt)
    return await issueTokens(ctx, account, family)
  })
}

/** A counted password check: right or wrong, and the wrong ones still possible before the lock. */
export interface CountedCheck {
  ok: boolean
  attemptsLeft: number
}

/**
 * A password check on the one counter per normalised address that sign-in and
 * every password confirmation share: the attempt is reserved before the (slow)
 * check, so parallel guesses cannot get past the limit; the wrong one that
 * reaches it locks. Throws 423 account_locked, or 429 for an attempt beyond the
 * limit while earlier ones are still being checked. A wrong password answers
 * how many more may be tried before the lock: the counter is the address's
 * whether or not it has an account, so the number tells nothing about that.
 * The second factor's codes are checked on the same counter. When a code must
 * still follow the right password, that password gives its attempt back but
 * resets nothing: only the right code does.
 */
export async function checkCounted(
  ctx: ServiceContext,
  email: string,
  account: Account | null,
  verify: () => Promise<boolean>,
  options: { secondFactorFollows?: boolean } = {},
): Promise<CountedCheck> {
  if ((await ctx.repos.failures.state(email)).locked) {
    await verify()
    throw accountLocked()
  }
  const attempt = await ctx.repos.failures.reserveAttempt(email, ctx.clock.now())
  // More checks at once than the lock allows: the ones in flight decide first (the last
  // of them locks if it is wrong). This one is not checked; it may try again in a moment.
  if (attempt > ctx.config.maxFailedSignIns) throw rateLimited(1)
  if (!(await verify())) {
    ctx.events.passwordFailed()
    if (attempt >= ctx.config.maxFailedSignIns) {
      ctx.events.accountLocked()
      await lockAccount(ctx, email, account)
      throw accountLocked()
    }
    return { ok: false, attemptsLeft: ctx.config.maxFailedSignIns - attempt }
  }
  if (options.secondFactorFollows) {
    await ctx.repos.failures.releaseAttempt(email)
    if ((await ctx.repos.failures.state(email)).locked) throw accountLocked()
    return { ok: true, attemptsLeft: ctx.config.maxFailedSignIns - attempt + 1 }
  }
  // A lock that came in during the check stands; only a reset lifts it.
  if (!(await ctx.repos.failures.resetCount(email))) throw accountLocked()
  return { ok: true, attemptsLeft: ctx.config.maxFailedSignIns }
}

/**
 * Locks the address. The call that locks it also ends every session of its
 * account and e-mails the owner a reset link: a locked account has no session,
 * however it was locked (three wrong sign-ins or confirmations).
 */
async function lockAccount(
  ctx: ServiceContext,
  email: string,
  account: Account | null,
): Promise<void> {
  const now = ctx.clock.now()
  if (!(await ctx.repos.failures.lock(email, now)) || account?.status !== 'confirmed') return
  await ctx.repos.sessions.revokeAllOf(account.id, now)
  await sendAccountEmail(ctx, account, {
    kind: 'account_locked',
    name: displayName(account),
    resetLink: await issueResetLink(ctx, account.id),
  })
}

/**
 * Confirms the signed-in customer's password (PUT /me/password, the e-mail
 * change, the bank account, an address change) on the counter shared with
 * sign-in: wrong → 403 invalid_credentials with `attemptsLeft`; the third wrong
 * one in a row (sign-ins counted too) locks the account as sign-in does → 423
 * account_locked, every session ended; a right one resets the count.
 */
export async function confirmPassword(
  ctx: ServiceContext,
  principal: Principal,
  password: string,
  options: { secondFactorFollows?: boolean } = {},
): Promise<void> {
  const { account } = principal
  const check = await checkCounted(
    ctx,
    account.email,
    account,
    () => ctx.hasher.verify(account.passwordHash, password),
    options,
  )
  if (!check.ok) {
    throw new ApiError(403, 'invalid_credentials', 'The password is wrong.', {
      attemptsLeft: check.attemptsLeft,
    })
  }
}

/** POST /sessions/refresh: rotation; a used token revokes its whole family. */
export async function refresh(ctx: ServiceContext, refreshToken: string): Promise<TokenResponse> {
  const revoked = new ApiError(
    401,
    'session_revoked',
    'The session has ended. Please sign in again.',
  )
  const hash = hashToken(refreshToken)
  const now = ctx.clock.now()
  const result = await ctx.transaction(async (ctx) => {
    const token = await ctx.repos.sessions.findRefreshToken(hash)
    if (!token) throw revoked
    if (token.revoked_at || new Date(token.expires_at) <= now) throw revoked
    const family = { id: token.family_id, createdAt: new Date(token.family_created_at) }
    if (familyEnd(ctx, family.createdAt) <= now) throw revoked
    if (!(await ctx.repos.sessions.useRefreshToken(hash, now))) {
      // Reuse: someone holds a copy of an old token. End the whole session.
      await ctx.repos.sessions.revokeFamily(token.family_id, now)
      return null
    }
    const account = await ctx.repos.accounts.byId(token.account_id)
    if (!account) throw revoked
    return await issueTokens(ctx, account, family)
  })
  // Outside the transaction: the family's revocation must be committed, not rolled back.
  if (!result) throw revoked
  return result
}

/** Resolves a bearer token; null when missing, unknown, expired or revoked. */
export async function authenticate(
  ctx: ServiceContext,
  authorization: string | undefined,
): Promise<Principal | null> {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization ?? '')
  if (!match?.[1]) return null
  const token = await ctx.repos.sessions.findAccessToken(hashToken(match[1]))
  if (!token || token.revoked_at || new Date(token.expires_at) <= ctx.clock.now()) return null
  const account = await ctx.repos.accounts.byId(token.account_id)
  return account ? { account, familyId: token.family_id } : null
}

/** DELETE /sessions/current. */
export async function signOut(ctx: ServiceContext, principal: Principal): Promise<void> {
  await ctx.repos.sessions.revokeFamily(principal.familyId, ctx.clock.now())
}

/** POST /password-resets: always 202; a confirmed account gets a 30-minute link. */
export async function requestPasswordReset(
  ctx: ServiceContext,
  rawEmail: string,
  clientAddress: string,
): Promise<void> {
  const email = await limitMailRequestsFor(ctx, clientAddress, rawEmail)
  const account = await ctx.repos.accounts.byEmail(email)
  if (!account || account.status !== 'confirmed') return
  await sendAccountEmail(ctx, account, {
    kind: 'password_reset',
    name: displayName(account),
    link: await issueResetLink(ctx, account.id),
    validMinutes: ctx.config.resetLinkMinutes,
  })
}

/**
 * How often one reset link may compare a new password with the current one: without a
 * bound its holder could test guesses at the old password (perhaps used elsewhere too)
 * for as long as the link lives, counted nowhere.
 */
export const RESET_COMPARISONS_PER_LINK = 10

/**
 * The reset link of a token and its account: 400 link_invalid when unknown, malformed
 * or used; 410 link_expired with the address it was sent to (its holder had the e-mail).
 */
async function usableResetLink(
  ctx: ServiceContext,
  token: string,
): Promise<{ link: EmailLink; account: Account }> {
  // A malformed token is as unknown as any other.
  const link = isLinkToken(token) ? await ctx.repos.links.find(hashToken(token), 'reset') : null
  if (!link || link.usedAt) throw linkInvalid()
  const account = await ctx.repos.accounts.byId(link.accountId)
  if (!account) throw linkInvalid()
  if (new Date(link.expiresAt) <= ctx.clock.now())
    throw linkExpired('The link has expired. Please request a new one.', account.email)
  return { link, account }
}

/**
 * POST /password-resets/check: whether a reset link can still be used, when the page
 * opens. Read-only: the link is neither used up nor extended.
 */
export async function checkPasswordReset(
  ctx: ServiceContext,
  token: string,
): Promise<PasswordResetCheck> {
  const { link, account } = await usableResetLink(ctx, token)
  return { status: 'valid', email: account.email, expiresAt: isoInstant(new Date(link.expiresAt)) }
}

/** POST /password-resets/confirm: single use; unlocks; ends every session. */
export async function confirmPasswordReset(
  ctx: ServiceContext,
  token: string,
  newPassword: string,
): Promise<{ status: 'password_changed'; email: string }> {
  const { link, account } = await usableResetLink(ctx, token)
  const problem = checkPassword(newPassword, account)
  if (problem) throw validationFailed({ newPassword: problem })
  // Counted before the comparison, whatever its outcome: a refusal must not tell a match.
  const comparison = await ctx.limiter.hit(
    'reset-comparison',
    String(link.id),
    { max: RESET_COMPARISONS_PER_LINK, windowSeconds: ctx.config.resetLinkMinutes * 60 },
    { announce: false },
  )
  if (!comparison.allowed) throw rateLimited(comparison.retryAfterSeconds)
  if (await ctx.hasher.verify(account.passwordHash, newPassword)) {
    throw validationFailed({ newPassword: 'same_as_current' })
  }
  // Claim the link before the slow hash: of two parallel uses exactly one gets here.
  if (!(await ctx.repos.links.claim(link.id, ctx.clock.now()))) throw linkInvalid()
  const hash = await ctx.hasher.hash(newPassword)
  const now = ctx.clock.now()
  await ctx.transaction(async (ctx) => {
    await ctx.repos.accounts.setPasswordHash(account.id, hash)
    await ctx.repos.failures.clear(account.email)
    await ctx.repos.sessions.revokeAllOf(account.id, now)
    await ctx.repos.links.voidAll(account.id, 'reset', now)
    // The second factor stays on; only a sign-in's open code steps end.
    await ctx.repos.mfa.endChallenges(account.id)
  })
  await sendAccountEmail(ctx, account, { kind: 'password_changed', name: displayName(account) })
  return { status: 'password_changed', email: account.email }
}

/** PUT /me/password: the current password confirms (counted like a sign-in); other sessions end. */
export async function changePassword(
  ctx: ServiceContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { account } = principal
  // The new password's own problems first: a typo there costs no attempt. The two passwords
  // are both the caller's, so comparing them tells nothing about the one on file.
  const problem = checkPassword(input.newPassword, account)
  if (problem) throw validationFailed({ newPassword: problem })
  if (normalisePassword(input.newPassword) === normalisePassword(input.currentPassword)) {
    throw validationFailed({ newPassword: 'same_as_current' })
  }
  await confirmPassword(ctx, principal, input.currentPassword)
  const hash = await ctx.hasher.hash(input.newPassword)
  await ctx.transaction(async (ctx) => {
    await ctx.repos.accounts.setPasswordHash(account.id, hash)
    await ctx.repos.sessions.revokeAllOf(account.id, ctx.clock.now(), principal.familyId)
  })
  await sendAccountEmail(ctx, account, { kind: 'password_changed', name: displayName(account) })
}
