import '../fastify-types.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import {
  accountDeletionRequestSchema,
  type AccountDeletionRequest,
} from '../../shared/api/account.ts'
import { tokenRequestSchema } from '../../shared/api/auth.ts'
import {
  bankAccountRequestSchema,
  emailChangeAcceptedSchema,
  emailChangeRequestSchema,
  emailChangeResultSchema,
  profileAnswerSchema,
  profilePatchSchema,
  type BankAccountRequest,
  type EmailChangeRequest,
  type ProfileAnswer,
  type ProfilePatch,
} from '../../shared/api/profile.ts'
import { noneMatch } from '../documents/http-range.ts'
import { deleteAccount } from '../services/account-deletion.ts'
import { changeBankAccount } from '../services/bank-account.ts'
import { confirmEmailChange, requestEmailChange } from '../services/email-change.ts'
import { getProfile, updateProfile, type ProfileState } from '../services/profile.ts'
import { emptySchema } from './schemas.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]
const precondition = 'precondition_failed (If-Match names an ETag that is no longer current)'
const locked =
  'account_locked (the third wrong password in a row, sign-ins included: every session ends)'

/** Answers the profile with its ETag. */
function sendProfile(reply: FastifyReply, state: ProfileState): ProfileAnswer {
  reply.header('etag', state.etag)
  return { customer: state.profile }
}

/** GET and PATCH /me, the e-mail change and the bank account (api.md "Profile"). */
export function registerProfileRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.get(
    '/me',
    {
      schema: {
        summary:
          'The signed-in customer’s profile, with a strong ETag (If-None-Match → 304); address, phone and bank account once activated',
        tags: ['profile'],
        security: bearer,
        response: {
          200: profileAnswerSchema,
          304: { type: 'null', description: 'Not modified: If-None-Match names the current ETag' },
        },
      },
    },
    async (request, reply) => {
      const state = getProfile(ctx, requirePrincipal(api, request))
      if (noneMatch(request.headers['if-none-match'], state.etag)) {
        return reply.header('etag', state.etag).status(304).send()
      }
      return sendProfile(reply, state)
    },
  )
  api.patch<{ Body: ProfilePatch }>(
    '/me',
    {
      schema: {
        summary:
          'Change phone, address or preferences (If-Match honoured); an address change needs the password, files a confirmation letter, e-mails the customer and writes to the old and the new address',
        tags: ['profile'],
        security: bearer,
        body: profilePatchSchema,
        response: { 200: profileAnswerSchema },
        errors: {
          400: 'validation_failed (phone: invalid_format, address.postalCode: invalid_format, address.country: invalid_value, password: required with address …)',
          403: 'activation_required (before activation only preferences.locale may change), invalid_credentials (wrong password)',
          412: precondition,
          423: locked,
          429: 'rate_limited (5 address changes in 24 hours; Retry-After)',
        },
      },
    },
    async (request, reply) =>
      sendProfile(
        reply,
        await updateProfile(
          ctx,
          requirePrincipal(api, request),
          request.body,
          request.headers['if-match'],
        ),
      ),
  )
  api.delete<{ Body: AccountDeletionRequest }>(
    '/me',
    {
      schema: {
        summary:
          'Delete the portal account (the password confirms it): every session, token, link and preference goes; contracts and letters stay with the bank; an e-mail confirms it',
        tags: ['profile'],
        security: bearer,
        body: accountDeletionRequestSchema,
        response: { 204: emptySchema },
        errors: {
          400: 'validation_failed (password: required)',
          403: 'invalid_credentials (wrong password)',
          423: locked,
        },
      },
    },
    async (request, reply) => {
      await deleteAccount(ctx, requirePrincipal(api, request), request.body.password)
      return reply.status(204).send()
    },
  )
  api.post<{ Body: EmailChangeRequest }>(
    '/me/email-change',
    {
      schema: {
        summary:
          'Request a new sign-in address: a 24-hour link goes to it, the old address is told (the same answer if it has an account)',
        tags: ['profile'],
        security: bearer,
        body: emailChangeRequestSchema,
        response: { 202: emailChangeAcceptedSchema },
        errors: {
          400: 'validation_failed (newEmail: invalid_value when it is the current address)',
          403: 'invalid_credentials (wrong password)',
          423: locked,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await requestEmailChange(ctx, requirePrincipal(api, request), request.body)),
  )
  api.post<{ Body: { token: string } }>(
    '/me/email-change/confirm',
    {
      schema: {
        summary:
          'Confirm the new address with the link’s token (no session needed); every session ends',
        tags: ['profile'],
        body: tokenRequestSchema,
        response: { 200: emailChangeResultSchema },
        errors: {
          400: 'link_invalid (unknown, malformed or used)',
          409: 'not_eligible (the address got an account meanwhile)',
          410: 'link_expired',
          423: 'account_locked',
        },
      },
    },
    async (request) => confirmEmailChange(ctx, request.body.token),
  )
  api.put<{ Body: BankAccountRequest }>(
    '/me/bank-account',
    {
      schema: {
        summary:
          'New bank account for the direct debit (activated customers; If-Match honoured): files the SEPA mandate, tells the customer by e-mail',
        tags: ['profile'],
        security: bearer,
        body: bankAccountRequestSchema,
        response: { 200: profileAnswerSchema },
        errors: {
          400: 'validation_failed (iban: invalid_format, not_sepa, invalid_length, invalid_checksum; accountHolder: required, too_long, invalid_characters; sepaMandateAccepted: invalid_value)',
          403: 'activation_required, invalid_credentials (wrong password)',
          412: precondition,
          423: locked,
        },
      },
    },
    async (request, reply) =>
      sendProfile(
        reply,
        await changeBankAccount(
          ctx,
          requirePrincipal(api, request),
          request.body,
          request.headers['if-match'],
        ),
      ),
  )
}
