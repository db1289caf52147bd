/**
 * Co-borrowers (api.md "Co-borrowers"). The holder invites the co-borrower named
 * on a contract: a 7-day single-use link goes to the address they give. The
 * invitee opens it signed in to an activated account (a co-borrower is a
 * customer of the bank like the holder: registration takes a customer number,
 * and the contract's data is for identified customers only) and proves to be
 * that person with the date of birth on the contract (which must also be the
 * date of birth of their own customer record): five wrong dates void the
 * invitation, so a third person holding the link cannot guess their way in. The
 * holder sees who has access and revokes it at once; both parties are told.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto'
import {
  INVITATION_LINK_DAYS,
  INVITATION_MAX_WRONG_DATES,
  type ContractAccess,
  type InvitationAccepted,
  type InvitationSent,
} from '../../shared/api/co-borrowers.ts'
import { isLinkToken } from '../../shared/deep-links.ts'
import { isoInstant } from '../clock.ts'
import { ApiError, linkExpired, linkInvalid, rateLimited } from '../errors.ts'
import { renderInvitationEmail } from '../outbox/invitation-template.ts'
import { buildLink } from '../outbox/templates.ts'
import { activatedCustomerId } from './activation.ts'
import { notifyCoBorrowerEvent } from './co-borrower-notices.ts'
import { normaliseEmail, type ServiceContext } from './context.ts'
import { contractNotFound, heldContract } from './contract-access.ts'
import type { Principal } from './sessions.ts'
import { hashToken, newToken } from './tokens.ts'

/** Invitations per holder and day: enough to correct a typo, too few to spam anyone. */
const INVITATIONS_PER_DAY = { max: 5, windowSeconds: 86_400 }

/** POST /contracts/{id}/invitations (holder only). */
export async function inviteCoBorrower(
  ctx: ServiceContext,
  principal: Principal,
  contractId: string,
  input: { email: string },
): Promise<InvitationSent> {
  const contract = await heldContract(ctx, principal, contractId)
  const party = await ctx.repos.coBorrowers.party(contract.id)
  if (!party) {
    throw new ApiError(409, 'not_eligible', 'This contract names no co-borrower.', {
      reason: 'no_co_borrower',
    })
  }
  const decision = await ctx.limiter.hit(
    'co-borrower-invitations',
    String(principal.account.id),
    INVITATIONS_PER_DAY,
  )
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds)
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + INVITATION_LINK_DAYS * 86_400_000)
  const token = newToken()
  const { account } = principal
  const email = normaliseEmail(input.email)
  const content = renderInvitationEmail(
    {
      name: `${party.firstName} ${party.lastName}`,
      holderName: `${account.firstName} ${account.lastName}`,
      contractNumber: contract.number,
      link: buildLink(ctx.config.linkBase, 'invitation', token),
      validDays: INVITATION_LINK_DAYS,
    },
    account.locale,
    ctx.config.support,
  )
  await ctx.transaction(async (tx) => {
    // A new invitation replaces the contract's earlier ones.
    await tx.repos.coBorrowers.invite(
      { contractId: contract.id, tokenHash: hashToken(token), email, expiresAt },
      now,
    )
    await tx.outbox.send({ kind: 'email', to: email, ...content })
  })
  return { status: 'invitation_sent', expiresAt: isoInstant(expiresAt) }
}

/** true when two dates (YYYY-MM-DD) are the same, compared in constant time. */
function sameDate(a: string, b: string): boolean {
  const left = Buffer.from(a.padEnd(10))
  const right = Buffer.from(b.padEnd(10))
  return left.length === right.length && timingSafeEqual(left, right)
}

/** POST /invitations/confirm: the invitee joins the contract as its co-borrower. */
export async function confirmInvitation(
  ctx: ServiceContext,
  principal: Principal,
  input: { token: string; dateOfBirth: string },
): Promise<InvitationAccepted> {
  const customerId = activatedCustomerId(principal)
  const invitation = isLinkToken(input.token)
    ? await ctx.repos.coBorrowers.invitation(hashToken(input.token))
    : null
  if (!invitation || invitation.usedAt) throw linkInvalid()
  const now = ctx.clock.now()
  if (new Date(invitation.expiresAt) <= now) {
    throw linkExpired('The invitation has expired. Please ask the contract holder for a new one.')
  }
  const contract = await ctx.repos.contracts.byId(invitation.contractId)
  const party = contract ? await ctx.repos.coBorrowers.party(contract.id) : null
  if (!contract || !party) throw linkInvalid()
  if (contract.customerId === customerId) {
    throw new ApiError(409, 'not_eligible', 'You hold this contract yourself.', {
      reason: 'own_contract',
    })
  }
  // The date typed must be the co-borrower's, and the caller must be that person: their
  // own identified customer record (bound at activation) has the same date of birth. A
  // third person who holds the link and knows the date gets no further than a wrong date.
  const own = await ctx.repos.customers.byId(customerId)
  const isThatPerson = own !== null && sameDate(own.dateOfBirth, party.dateOfBirth)
  if (!sameDate(input.dateOfBirth, party.dateOfBirth) || !isThatPerson) {
    const failures = await ctx.repos.coBorrowers.recordFailure(invitation.id)
    if (failures === 0 || failures >= INVITATION_MAX_WRONG_DATES) {
      await ctx.repos.coBorrowers.claimInvitation(invitation.id, now)
      throw linkInvalid()
    }
    throw new ApiError(400, 'validation_failed', 'The date of birth does not match the contract.', {
      fields: { dateOfBirth: 'invalid_value' },
      attemptsLeft: INVITATION_MAX_WRONG_DATES - failures,
    })
  }
  const { account } = principal
  await ctx.transaction(async (tx) => {
    // Of two parallel uses exactly one gets past this.
    if (!(await tx.repos.coBorrowers.claimInvitation(invitation.id, now))) throw linkInvalid()
    // Already reading it (an earlier invitation): the link is used up, nothing else changes.
    if (await tx.repos.coBorrowers.current(contract.id, account.id)) return
    const accessId = randomUUID()
    await tx.repos.coBorrowers.grant(
      { publicId: accessId, contractId: contract.id, accountId: account.id },
      now,
    )
    await notifyCoBorrowerEvent(tx, 'joined', { contract, coBorrower: account, accessId })
  })
  return { status: 'joined', contractId: contract.publicId }
}

/** GET /contracts/{id}/access (holder only). */
export async function listContractAccess(
  ctx: ServiceContext,
  principal: Principal,
  contractId: string,
): Promise<ContractAccess[]> {
  const contract = await heldContract(ctx, principal, contractId)
  const items: ContractAccess[] = []
  for (const access of await ctx.repos.coBorrowers.ofContract(contract.id)) {
    const account = await ctx.repos.accounts.byId(access.accountId)
    if (!account) continue
    items.push({
      id: access.publicId,
      name: `${account.firstName} ${account.lastName}`,
      email: account.email,
      since: access.grantedAt,
      lastUsedAt: access.lastUsedAt,
    })
  }
  return items
}

/** DELETE /contracts/{id}/access/{accessId} (holder only): the co-borrower's next call is 404. */
export async function revokeContractAccess(
  ctx: ServiceContext,
  principal: Principal,
  contractId: string,
  accessId: string,
): Promise<void> {
  const contract = await heldContract(ctx, principal, contractId)
  const access = await ctx.repos.coBorrowers.byPublicId(contract.id, accessId)
  if (!access) throw contractNotFound()
  const coBorrower = await ctx.repos.accounts.byId(access.accountId)
  await ctx.transaction(async (tx) => {
    if (!(await tx.repos.coBorrowers.revoke(access.id, ctx.clock.now()))) throw contractNotFound()
    if (coBorrower) {
      await notifyCoBorrowerEvent(tx, 'removed', { contract, coBorrower, accessId })
    }
  })
}
