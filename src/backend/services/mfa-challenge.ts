/**
 * The sign-in's code step (api.md "Second factor"): after the right password of
 * an account with the second factor on, a challenge instead of tokens. Its id is
 * a 256-bit secret for 5 minutes, stored as its hash only; POST /sessions/mfa
 * (services/mfa.ts) uses it up with a right code.
 */
import { MFA_CHALLENGE_MINUTES, type MfaRequired } from '../../shared/api/mfa.ts'
import { isoInstant } from '../clock.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { ServiceContext } from './context.ts'
import { hashToken, newToken } from './tokens.ts'

/** The sign-in's code step after the right password: a challenge for 5 minutes, no tokens. */
export async function openChallenge(ctx: ServiceContext, account: Account): Promise<MfaRequired> {
  const challengeId = newToken()
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + MFA_CHALLENGE_MINUTES * 60_000)
  await ctx.repos.mfa.createChallenge(
    { idHash: hashToken(challengeId), accountId: account.id, expiresAt },
    now,
  )
  return { mfaRequired: true, challengeId, expiresAt: isoInstant(expiresAt) }
}
