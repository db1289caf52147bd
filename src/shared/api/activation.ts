/**
 * Activation (api.md "Activation code"): where the account stands on its way to
 * the contract data (GET /me/activation), the correction of the details an
 * unmatched registration typed (PUT /me/identity), and the answers of the code
 * and letter calls: the routes as the contract's table.
 */
import { Type, type Static, type TSchema } from 'typebox'
import { customerNumberInputSchema, nameInputSchema, nameSchema } from './auth.ts'
import type { RouteTable } from './contract.ts'
import {
  closedObject,
  codeSchema,
  countSchema,
  customerNumberSchema,
  dateSchema,
  statusSchema,
} from './limits.ts'

/** Five wrong codes lock the code; a new letter brings a new one. */
export const MAX_WRONG_CODES = 5
/** Corrections of the registration's details an account may make in any 24 hours. */
export const IDENTITY_CORRECTIONS_PER_DAY = 3

/**
 * Where an account stands:
 * - `letter_sent`: matched; the letter with the code is on its way (or arrived);
 * - `locked`: five wrong codes; a new letter is the way;
 * - `code_expired`: the code's 30 days are over; a new letter is the way;
 * - `not_matched`: the details match no customer record (none was found, or it
 *   belongs to another activated account): correct them, or delete the account;
 * - `activated`: done.
 */
export const ACTIVATION_STATES = [
  'letter_sent',
  'locked',
  'code_expired',
  'not_matched',
  'activated',
] as const
export type ActivationStateName = (typeof ACTIVATION_STATES)[number]

/** The details a registration is matched by, with the bounds of an answer or of a request. */
/* @__NO_SIDE_EFFECTS__ */
const identitySchema = <N extends TSchema, L extends TSchema>(customerNumber: N, lastName: L) =>
  closedObject({ customerNumber, lastName, dateOfBirth: dateSchema })

/** What the registrant typed: shown in the correction form of an unmatched account. */
export const registeredIdentitySchema = identitySchema(customerNumberSchema, nameSchema)
export type RegisteredIdentity = Static<typeof registeredIdentitySchema>

/** GET /me/activation, and the answer of PUT /me/identity. */
export const activationStateSchema = closedObject({
  state: codeSchema(ACTIVATION_STATES),
  /** `letter_sent`: the day the newest letter was posted. */
  letterSentOn: Type.Optional(dateSchema),
  /**
   * The day a letter arrives by (a few working days after posting): the newest
   * letter's for `letter_sent`, a new letter's requested today for `locked` and
   * `code_expired`.
   */
  letterExpectedBy: Type.Optional(dateSchema),
  /** `letter_sent`: the last day the code works. */
  codeValidUntil: Type.Optional(dateSchema),
  /** `letter_sent`: wrong codes left before the code locks. */
  attemptsLeft: Type.Optional(countSchema(MAX_WRONG_CODES)),
  /** `not_matched`: the details to correct. */
  registered: Type.Optional(registeredIdentitySchema),
})
export type ActivationState = Static<typeof activationStateSchema>

/** PUT /me/identity. */
export const identityCorrectionSchema = identitySchema(customerNumberInputSchema, nameInputSchema)
export type IdentityCorrection = Static<typeof identityCorrectionSchema>

/** POST /me/activation: the code from the letter. */
export const activationCodeRequestSchema = closedObject({
  code: Type.String({ minLength: 1, maxLength: 40 }),
})

/** 200 of POST /me/activation. */
export const activatedSchema = closedObject({ activated: Type.Literal(true) })

/** 202 of POST /me/activation/letters. */
export const letterSentSchema = statusSchema(['letter_sent'], { letterExpectedBy: dateSchema })
export type LetterSent = Static<typeof letterSentSchema>

export const activationRoutes = {
  'GET /me/activation': {
    summary:
      'Where the account stands: letter on its way (with the day it arrives by and the tries left), code locked or expired (a new letter’s day), details not matched, or activated',
    tags: ['activation'],
    session: true,
    answers: { 200: activationStateSchema },
  },
  'POST /me/activation': {
    summary:
      'Activate the account with the code from the letter; binds the customer record to the account',
    tags: ['activation'],
    session: true,
    body: activationCodeRequestSchema,
    answers: { 200: activatedSchema },
    errors: {
      400: 'activation_code_invalid (with attemptsLeft), validation_failed (code: invalid_format)',
      409: 'not_eligible (the customer record is bound to another account already)',
      410: 'activation_code_expired',
      423: 'activation_locked (5 wrong codes; attemptsLeft 0)',
    },
  },
  'POST /me/activation/letters': {
    summary:
      'Send a new activation code by post (the old one stops working); answers the day it arrives by',
    tags: ['activation'],
    session: true,
    answers: { 202: letterSentSchema },
    errors: {
      409: 'not_eligible (activated already, or the details match no customer record)',
      429: 'rate_limited (3 letters in 24 hours; Retry-After)',
    },
  },
  'PUT /me/identity': {
    summary:
      'Correct customer number, last name and date of birth of an account that matched no customer record; on a match the activation letter goes out. Answers the new state (not_matched alike for a near miss and for no record)',
    tags: ['activation'],
    session: true,
    body: identityCorrectionSchema,
    answers: { 202: activationStateSchema },
    errors: {
      400: 'validation_failed (customerNumber: required, invalid_format; lastName: required, too_long, invalid_characters; dateOfBirth: invalid_format, out_of_range)',
      409: 'not_eligible (reason already_matched or already_activated)',
      429: 'rate_limited (3 corrections in 24 hours; Retry-After)',
    },
  },
} as const satisfies RouteTable
