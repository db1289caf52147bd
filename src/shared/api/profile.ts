/**
 * The profile (api.md "Profile"): GET/PATCH/DELETE /me, the e-mail change and
 * the bank account, as one route table. The shapes and rules are in four parts:
 * profile/customer.ts (the profile, its preferences, PATCH /me's body),
 * profile/address.ts (addresses, countries and postal codes, also for the
 * renderer's inline checks), profile/bank-account.ts and profile/email-change.ts.
 * Phone numbers: src/shared/phone.ts.
 */
import { Type } from 'typebox'
import { accountDeletionRequestSchema } from './account.ts'
import { tokenRequestSchema } from './auth.ts'
import type { RouteTable } from './contract.ts'
import { bankAccountRequestSchema } from './profile/bank-account.ts'
import { profileAnswerSchema, profilePatchSchema } from './profile/customer.ts'
import {
  emailChangeAcceptedSchema,
  emailChangeRequestSchema,
  emailChangeResultSchema,
} from './profile/email-change.ts'

export * from './profile/address.ts'
export * from './profile/bank-account.ts'
export * from './profile/customer.ts'
export * from './profile/email-change.ts'

const precondition = 'precondition_failed (If-Match names an ETag that is no longer current)'
const locked =
  'account_locked (the third wrong password in a row, sign-ins included: every session ends)'

export const profileRoutes = {
  'GET /me': {
    summary:
      'The signed-in customer’s profile, with a strong ETag (If-None-Match → 304); address, phone and bank account once activated',
    tags: ['profile'],
    session: true,
    answers: {
      200: profileAnswerSchema,
      304: Type.Null({ description: 'Not modified: If-None-Match names the current ETag' }),
    },
  },
  'PATCH /me': {
    summary:
      'Change phone, address or preferences (If-Match honoured); an address change needs the password, files a confirmation letter, e-mails the customer and writes to the old and the new address',
    tags: ['profile'],
    session: true,
    body: profilePatchSchema,
    answers: { 200: profileAnswerSchema },
    errors: {
      400: 'validation_failed (phone: invalid_format, address.postalCode: invalid_format, address.country: invalid_value, password: required with address …)',
      403: 'activation_required (before activation only preferences.locale may change), invalid_credentials (wrong password)',
      412: precondition,
      423: locked,
      429: 'rate_limited (5 address changes in 24 hours; Retry-After)',
    },
  },
  'DELETE /me': {
    summary:
      'Delete the portal account (the password confirms it): every session, token, link and preference goes; contracts and letters stay with the bank; an e-mail confirms it',
    tags: ['profile'],
    session: true,
    body: accountDeletionRequestSchema,
    answers: { 204: null },
    errors: {
      400: 'validation_failed (password: required)',
      403: 'invalid_credentials (wrong password)',
      423: locked,
    },
  },
  'POST /me/email-change': {
    summary:
      'Request a new sign-in address: a 24-hour link goes to it, the old address is told (the same answer if it has an account)',
    tags: ['profile'],
    session: true,
    body: emailChangeRequestSchema,
    answers: { 202: emailChangeAcceptedSchema },
    errors: {
      400: 'validation_failed (newEmail: invalid_value when it is the current address)',
      403: 'invalid_credentials (wrong password)',
      423: locked,
    },
  },
  'POST /me/email-change/confirm': {
    summary:
      'Confirm the new address with the link’s token (no session needed); every session ends',
    tags: ['profile'],
    body: tokenRequestSchema,
    answers: { 200: emailChangeResultSchema },
    errors: {
      400: 'link_invalid (unknown, malformed or used)',
      409: 'not_eligible (the address got an account meanwhile)',
      410: 'link_expired',
      423: 'account_locked',
    },
  },
  'PUT /me/bank-account': {
    summary:
      'New bank account for the direct debit (activated customers; If-Match honoured): files the SEPA mandate, tells the customer by e-mail',
    tags: ['profile'],
    session: true,
    body: bankAccountRequestSchema,
    answers: { 200: profileAnswerSchema },
    errors: {
      400: 'validation_failed (iban: invalid_format, not_sepa, invalid_length, invalid_checksum; accountHolder: required, too_long, invalid_characters; sepaMandateAccepted: invalid_value)',
      403: 'activation_required, invalid_credentials (wrong password)',
      412: precondition,
      423: locked,
    },
  },
} as const satisfies RouteTable
