/**
 * The second factor (api.md "Second factor"): TOTP enrolment on the profile,
 * recovery codes, turning it off, and the sign-in's code step. Every code is
 * checked on the one counter of wrong passwords (services/sessions.ts), so that
 * wrong codes run into the same three-strike lock; every use is recorded in the
 * database (the time step, the recovery code, the challenge), so that a code is
 * refused on every node once it was used on one.
 */
import type { TokenResponse } from '../../shared/api/auth.ts'
import type {
  MfaSessionRequest,
  MfaStatus,
  RecoveryCodesAnswer,
  TotpEnabled,
  TotpEnrolment,
} from '../../shared/api/mfa.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { TotpRecord } from '../db/repositories/mfa-repository.ts'
import { ApiError } from '../errors.ts'
import type { EmailTemplate } from '../outbox/templates.ts'
import type { ServiceContext } from './context.ts'
import {
  base32Of,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  readCode,
  recoveryCodeHash,
  sameHash,
  sealSecret,
} from './mfa-crypto.ts'
import { displayName, sendAccountEmail } from './registrations.ts'
import {
  checkCounted,
  confirmPassword,
  limitSignIns,
  startSession,
  type Principal,
} from './sessions.ts'
import { hashToken, newToken } from './tokens.ts'

/** How long an enrolment may wait for its first code. */
export const ENROLMENT_MINUTES = 15

/** A wrong, used or expired code: 401 at sign-in (no session yet), 403 on the profile. */
const invalidCode = (status: 401 | 403, attemptsLeft?: number): ApiError =>
  new ApiError(
    status,
    'invalid_code',
    'The code is not valid.',
    attemptsLeft === undefined ? {} : { attemptsLeft },
  )
const challengeExpired = (): ApiError =>
  new ApiError(401, 'challenge_expired', 'The sign-in has expired. Please sign in again.')
const notEnabled = (): ApiError =>
  new ApiError(409, 'mfa_not_enabled', 'Two-factor sign-in is not turned on.')

/** GET /me/mfa. */
export async function mfaStatus(ctx: ServiceContext, principal: Principal): Promise<MfaStatus> {
  const id = principal.account.id
  if (!(await ctx.repos.mfa.totp(id))) return { enabled: false, recoveryCodesLeft: 0 }
  return { enabled: true, recoveryCodesLeft: (await ctx.repos.mfa.unusedCodes(id)).length }
}

/** POST /me/mfa/totp: the password confirms; a new secret, not active until its first code. */
export async function startEnrolment(
  ctx: ServiceContext,
  principal: Principal,
  password: string,
): Promise<TotpEnrolment> {
  const { account } = principal
  if (await ctx.repos.mfa.totp(account.id)) {
    throw new ApiError(409, 'mfa_already_enabled', 'Two-factor sign-in is already turned on.')
  }
  await confirmPassword(ctx, principal, password)
  const secret = newTotpSecret()
  const enrolmentId = newToken()
  const now = ctx.clock.now()
  await ctx.repos.mfa.startEnrolment(
    {
      idHash: hashToken(enrolmentId),
      accountId: account.id,
      secretSealed: sealSecret(ctx.mfaKeys, account.id, secret),
      expiresAt: new Date(now.getTime() + ENROLMENT_MINUTES * 60_000),
    },
    now,
  )
  return { enrolmentId, secret: base32Of(secret), otpauthUri: otpauthUri(secret, account.email) }
}

/** POST /me/mfa/totp/confirm: the first code turns the second factor on; the recovery codes, once. */
export async function confirmEnrolment(
  ctx: ServiceContext,
  principal: Principal,
  input: { enrolmentId: string; code: string },
): Promise<TotpEnabled> {
  const { account } = principal
  const notFound = new ApiError(
    404,
    'enrolment_not_found',
    'The setup has expired or was replaced. Please start again.',
  )
  const enrolment = await ctx.repos.mfa.enrolment(hashToken(input.enrolmentId), account.id)
  const now = ctx.clock.now()
  if (!enrolment || new Date(enrolment.expiresAt) <= now) throw notFound
  const typed = readCode(input.code)
  const secret = openSecret(ctx.mfaKeys, account.id, enrolment.secretSealed)
  const step = typed?.kind === 'totp' ? matchingStep(secret, typed.code, now) : null
  if (step === null) throw invalidCode(403)
  const codes = newRecoveryCodes()
  const hashes = codes.map((code) => recoveryCodeHash(ctx.mfaKeys, code))
  await ctx.transaction(async (ctx) => {
    // Of two confirmations at once, only the one that ends the enrolment turns it on.
    if (!(await ctx.repos.mfa.endEnrolments(account.id))) throw notFound
    // The first code counts as used: it does not sign in a second time.
    await ctx.repos.mfa.enableTotp(account.id, enrolment.secretSealed, step, now)
    await ctx.repos.mfa.replaceCodes(account.id, hashes, now)
  })
  await notify(ctx, account, 'mfa_enabled')
  return { enabled: true, recoveryCodes: codes }
}

/** DELETE /me/mfa: the password and a code turn the second factor off. */
export async function disableMfa(
  ctx: ServiceContext,
  principal: Principal,
  input: { password: string; code: string },
): Promise<void> {
  const { account } = principal
  await confirmPasswordAndCode(ctx, principal, input)
  await ctx.transaction((ctx) => ctx.repos.mfa.disable(account.id))
  await notify(ctx, account, 'mfa_disabled')
}

/** POST /me/mfa/recovery-codes: the password and a code; a new set, the old one void. */
export async function renewRecoveryCodes(
  ctx: ServiceContext,
  principal: Principal,
  input: { password: string; code: string },
): Promise<RecoveryCodesAnswer> {
  const { account } = principal
  await confirmPasswordAndCode(ctx, principal, input)
  const codes = newRecoveryCodes()
  const hashes = codes.map((code) => recoveryCodeHash(ctx.mfaKeys, code))
  await ctx.transaction((ctx) => ctx.repos.mfa.replaceCodes(account.id, hashes, ctx.clock.now()))
  await notify(ctx, account, 'mfa_recovery_codes_renewed')
  return { recoveryCodes: codes }
}

/** POST /sessions/mfa: the challenge of POST /sessions and a code; then the tokens. */
export async function completeSignIn(
  ctx: ServiceContext,
  input: MfaSessionRequest,
  clientAddress: string,
): Promise<TokenResponse> {
  // The code step is part of the sign-in: one limit per client for both.
  await limitSignIns(ctx, clientAddress)
  const idHash = hashToken(input.challengeId)
  const challenge = await ctx.repos.mfa.challenge(idHash)
  if (!challenge || challenge.usedAt || new Date(challenge.expiresAt) <= ctx.clock.now()) {
    throw challengeExpired()
  }
  const account = await ctx.repos.accounts.byId(challenge.accountId)
  const totp = account ? await ctx.repos.mfa.totp(account.id) : null
  if (!account || !totp) throw challengeExpired()
  const check = await checkCounted(ctx, account.email, account, () =>
    useCode(ctx, account, totp, input.code),
  )
  if (!check.ok) throw invalidCode(401, check.attemptsLeft)
  // Of two code steps on one challenge at once, one signs in.
  if (!(await ctx.repos.mfa.useChallenge(idHash, ctx.clock.now()))) throw challengeExpired()
  return await startSession(ctx, account)
}

/**
 * The password, then a code, both counted like a sign-in: 409 mfa_not_enabled;
 * 403 invalid_credentials or invalid_code with attemptsLeft; 423 at the third
 * wrong one in a row. The right password alone resets no count.
 */
async function confirmPasswordAndCode(
  ctx: ServiceContext,
  principal: Principal,
  input: { password: string; code: string },
): Promise<void> {
  const { account } = principal
  const totp = await ctx.repos.mfa.totp(account.id)
  if (!totp) throw notEnabled()
  await confirmPassword(ctx, principal, input.password, { secondFactorFollows: true })
  const check = await checkCounted(ctx, account.email, account, () =>
    useCode(ctx, account, totp, input.code),
  )
  if (!check.ok) throw invalidCode(403, check.attemptsLeft)
}

/**
 * Checks a code as typed against the account's TOTP (this step ±1, newer than
 * the last one used) or its unused recovery codes, and uses it up; false when
 * it is wrong, used, or lost a race with a parallel use of the same code.
 */
async function useCode(
  ctx: ServiceContext,
  account: Account,
  totp: TotpRecord,
  input: string,
): Promise<boolean> {
  const typed = readCode(input)
  if (!typed) return false
  if (typed.kind === 'totp') {
    const secret = openSecret(ctx.mfaKeys, account.id, totp.secretSealed)
    const step = matchingStep(secret, typed.code, ctx.clock.now())
    if (step === null || step <= totp.lastStep) return false
    return await ctx.repos.mfa.useStep(account.id, step)
  }
  const hash = recoveryCodeHash(ctx.mfaKeys, typed.code)
  let match: number | null = null
  // Every unused code is compared (in constant time), whichever matches.
  for (const row of await ctx.repos.mfa.unusedCodes(account.id)) {
    if (sameHash(row.code_hash, hash)) match = row.id
  }
  return match !== null && (await ctx.repos.mfa.useCode(match, ctx.clock.now()))
}

async function notify(
  ctx: ServiceContext,
  account: Account,
  kind: Extract<EmailTemplate['kind'], `mfa_${string}`>,
): Promise<void> {
  await sendAccountEmail(ctx, account, { kind, name: displayName(account) })
}
