/**
 * Activation (api.md "Activation code"): where the account stands on its way to
 * the contract data (GET /me/activation), the correction of the details an
 * unmatched registration typed (PUT /me/identity), and the answers of the code
 * and letter calls. The schemas are used by the backend's routes; the types by
 * the renderer.
 */
import { NAME_MAX_LENGTH } from '../names.ts'
import { customerNumberInputSchema, nameInputSchema } from './auth.ts'
import { CUSTOMER_NUMBER_PATTERN, dateSchema } from './limits.ts'

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

/** What the registrant typed: shown in the correction form of an unmatched account. */
export interface RegisteredIdentity {
  customerNumber: string
  lastName: string
  dateOfBirth: string
}

/** GET /me/activation, and the answer of PUT /me/identity. */
export interface ActivationState {
  state: ActivationStateName
  /** `letter_sent`: the day the newest letter was posted. */
  letterSentOn?: string
  /**
   * The day a letter arrives by (a few working days after posting): the newest
   * letter's for `letter_sent`, a new letter's requested today for `locked` and
   * `code_expired`.
   */
  letterExpectedBy?: string
  /** `letter_sent`: the last day the code works. */
  codeValidUntil?: string
  /** `letter_sent`: wrong codes left before the code locks. */
  attemptsLeft?: number
  /** `not_matched`: the details to correct. */
  registered?: RegisteredIdentity
}

/** PUT /me/identity. */
export interface IdentityCorrection {
  customerNumber: string
  lastName: string
  dateOfBirth: string
}

/** 202 of POST /me/activation/letters. */
export interface LetterSent {
  status: 'letter_sent'
  letterExpectedBy: string
}

const attemptsSchema = {
  type: 'integer',
  format: 'int32',
  minimum: 0,
  maximum: MAX_WRONG_CODES,
} as const

export const activationStateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  properties: {
    state: { type: 'string', enum: ACTIVATION_STATES },
    letterSentOn: dateSchema,
    letterExpectedBy: dateSchema,
    codeValidUntil: dateSchema,
    attemptsLeft: attemptsSchema,
    registered: {
      type: 'object',
      additionalProperties: false,
      required: ['customerNumber', 'lastName', 'dateOfBirth'],
      properties: {
        // Registrations from before the nine-digit rule may hold other characters.
        customerNumber: { type: 'string', maxLength: 20, pattern: CUSTOMER_NUMBER_PATTERN },
        lastName: { type: 'string', maxLength: NAME_MAX_LENGTH },
        dateOfBirth: dateSchema,
      },
    },
  },
} as const

export const identityCorrectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerNumber', 'lastName', 'dateOfBirth'],
  properties: {
    customerNumber: customerNumberInputSchema,
    lastName: nameInputSchema,
    dateOfBirth: dateSchema,
  },
} as const

export const letterSentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'letterExpectedBy'],
  properties: {
    status: { type: 'string', enum: ['letter_sent'] },
    letterExpectedBy: dateSchema,
  },
} as const
