/**
 * Co-borrowers (api.md "Co-borrowers"): the holder invites the co-borrower named
 * on a contract by e-mail, the invitee proves to be that person with the date of
 * birth on the contract and reads the contract from then on; the holder sees who
 * has access and revokes it.
 */
import { Type, type Static } from 'typebox'
import { emailOnlyRequestSchema, linkTokenSchema } from './auth.ts'
import type { RouteTable } from './contract.ts'
import { contractIdParams } from './contracts.ts'
import {
  closedObject,
  dateSchema,
  emailSchema,
  instantSchema,
  itemsSchema,
  nullable,
  statusSchema,
  uuidSchema,
} from './limits.ts'

/** An invitation's link is valid this many days. */
export const INVITATION_LINK_DAYS = 7
/** Wrong dates of birth before an invitation is void. */
export const INVITATION_MAX_WRONG_DATES = 5
/** At most this many people read one contract (the holder's list). */
export const CONTRACT_ACCESS_MAX = 10

export const invitationRequestSchema = closedObject({
  /** The co-borrower's address. */
  email: emailOnlyRequestSchema.properties.email,
})
export type InvitationRequest = Static<typeof invitationRequestSchema>

export const invitationSentSchema = statusSchema(['invitation_sent'], { expiresAt: instantSchema })
export type InvitationSent = Static<typeof invitationSentSchema>

export const invitationConfirmSchema = closedObject({
  token: linkTokenSchema,
  dateOfBirth: dateSchema,
})
export type InvitationConfirm = Static<typeof invitationConfirmSchema>

/** The contract the invitee now reads. */
export const invitationAcceptedSchema = statusSchema(['joined'], { contractId: uuidSchema })
export type InvitationAccepted = Static<typeof invitationAcceptedSchema>

/** One person who reads the contract as co-borrower. */
export const contractAccessSchema = closedObject({
  id: uuidSchema,
  name: Type.String({ maxLength: 200 }),
  email: emailSchema,
  since: instantSchema,
  /** null until they first open it. */
  lastUsedAt: nullable(instantSchema),
})
export type ContractAccess = Static<typeof contractAccessSchema>

const accessParams = closedObject({
  ...contractIdParams.properties,
  accessId: Type.String({ minLength: 1, maxLength: 64 }),
})
const holderErrors = {
  401: 'unauthenticated',
  403: 'activation_required; holder_only (the caller reads the contract as co-borrower)',
  404: 'not_found (no such contract of this customer)',
} as const

export const coBorrowerRoutes = {
  'POST /contracts/{id}/invitations': {
    summary: `Invite the contract’s co-borrower: a ${INVITATION_LINK_DAYS}-day link goes to the address`,
    tags: ['co-borrowers'],
    session: true,
    params: contractIdParams,
    body: invitationRequestSchema,
    answers: { 202: invitationSentSchema },
    errors: {
      ...holderErrors,
      400: 'validation_failed (email: invalid_format)',
      409: 'not_eligible (reason no_co_borrower: the contract names none)',
      429: 'rate_limited (Retry-After)',
    },
  },
  'POST /invitations/confirm': {
    summary:
      'Join a contract as its co-borrower: the link’s token and the date of birth on the contract',
    tags: ['co-borrowers'],
    session: true,
    body: invitationConfirmSchema,
    answers: { 200: invitationAcceptedSchema },
    errors: {
      400: `link_invalid (unknown, malformed, used, or void after ${INVITATION_MAX_WRONG_DATES} wrong dates of birth); validation_failed (dateOfBirth: invalid_value, with attemptsLeft)`,
      401: 'unauthenticated',
      403: 'activation_required',
      409: 'not_eligible (reason own_contract: the holder cannot join their own contract)',
      410: 'link_expired',
    },
  },
  'GET /contracts/{id}/access': {
    summary: 'Who reads the contract as co-borrower, since when, and when last',
    tags: ['co-borrowers'],
    session: true,
    params: contractIdParams,
    answers: { 200: itemsSchema(CONTRACT_ACCESS_MAX, contractAccessSchema) },
    errors: holderErrors,
  },
  'DELETE /contracts/{id}/access/{accessId}': {
    summary: 'Revoke a co-borrower’s access at once',
    tags: ['co-borrowers'],
    session: true,
    params: accessParams,
    answers: { 204: null },
    errors: { ...holderErrors, 404: 'not_found (no such contract, or no such current access)' },
  },
} as const satisfies RouteTable
