/**
 * Registration, e-mail confirmation, sessions and passwords (api.md): the
 * backend's routes as the contract's table. What the gateway answers the
 * renderer on some of these paths instead (no tokens) is in gateway.ts.
 */
import { Type, type Static } from 'typebox'
import { CUSTOMER_NUMBER_DIGITS } from '../customer-number.ts'
import type { RouteTable } from './contract.ts'
import {
  closedObject,
  codeSchema,
  customerNumberSchema,
  dateSchema,
  EMAIL_MAX_LENGTH,
  EMAIL_RULE,
  emailSchema,
  instantSchema,
  NAME_MAX_LENGTH,
  passwordInputSchema,
  statusSchema,
} from './limits.ts'

export const LOCALES = ['de', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const SALUTATIONS = ['ms', 'mr', 'none'] as const
export type Salutation = (typeof SALUTATIONS)[number]

/** Password limits (NIST SP 800-63B-4): counted in Unicode code points after NFC. */
export const PASSWORD_MIN_LENGTH = 15
export const PASSWORD_MAX_LENGTH = 128

/** An address; surrounding spaces are allowed here and trimmed by the service. */
const emailInputSchema = Type.String({
  minLength: 3,
  maxLength: EMAIL_MAX_LENGTH,
  pattern: `^\\s*${EMAIL_RULE}\\s*$`,
})
// The name rule (src/shared/names.ts) is checked by the service, which names the reason.
export const nameInputSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  description: `Letters of any script, spaces, - ' and .; 1–${NAME_MAX_LENGTH} characters once trimmed`,
})
// The rule (src/shared/customer-number.ts) is checked by the service, which names the reason.
export const customerNumberInputSchema = Type.String({
  maxLength: 20,
  description: `${CUSTOMER_NUMBER_DIGITS} digits; spaces do not matter`,
})
/** A name in an answer. */
export const nameSchema = Type.String({ maxLength: NAME_MAX_LENGTH })
/** Tokens and links: base64url, 128 bits or more. */
const tokenSchema = Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })
/**
 * The token of a link from an e-mail: any text here, so that a malformed one is
 * answered `400 link_invalid` by the service, exactly like an unknown one.
 */
export const linkTokenSchema = Type.String({
  maxLength: 2048,
  description: 'The token from the link (base64url); a malformed or unknown one is link_invalid',
})

/** What the app knows of the signed-in customer (also `customer` in session answers). */
export const sessionCustomerSchema = closedObject({
  customerNumber: customerNumberSchema,
  salutation: codeSchema(SALUTATIONS),
  firstName: nameSchema,
  lastName: nameSchema,
  email: emailSchema,
  locale: codeSchema(LOCALES),
  /** true once the activation code from the letter was entered. */
  activated: Type.Boolean(),
})
export type SessionCustomer = Static<typeof sessionCustomerSchema>

export const registrationRequestSchema = closedObject({
  email: emailInputSchema,
  password: passwordInputSchema,
  salutation: Type.Optional(codeSchema(SALUTATIONS)),
  firstName: nameInputSchema,
  lastName: nameInputSchema,
  dateOfBirth: dateSchema,
  customerNumber: customerNumberInputSchema,
  acceptTerms: Type.Literal(true),
  locale: Type.Optional(codeSchema(LOCALES)),
})
export type RegistrationRequest = Static<typeof registrationRequestSchema>

export const registrationAcceptedSchema = statusSchema(['confirmation_sent'], {
  expiresAt: instantSchema,
})
export type RegistrationAccepted = Static<typeof registrationAcceptedSchema>

export const confirmationResultSchema = statusSchema(['confirmed', 'already_confirmed'])
export type ConfirmationResult = Static<typeof confirmationResultSchema>

export const emailOnlyRequestSchema = closedObject({ email: emailInputSchema })

/** The body of a link's confirmation (registration, e-mail change). */
export const tokenRequestSchema = closedObject({ token: linkTokenSchema })

export const sessionRequestSchema = closedObject({
  email: Type.String({ minLength: 1, maxLength: EMAIL_MAX_LENGTH }),
  password: passwordInputSchema,
})
export type SessionRequest = Static<typeof sessionRequestSchema>

export const refreshRequestSchema = closedObject({ refreshToken: tokenSchema })

export const passwordResetConfirmSchema = closedObject({
  token: linkTokenSchema,
  newPassword: passwordInputSchema,
})

export const changePasswordSchema = closedObject({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
})

export const tokenResponseSchema = closedObject({
  accessToken: tokenSchema,
  accessTokenExpiresAt: instantSchema,
  refreshToken: tokenSchema,
  refreshTokenExpiresAt: instantSchema,
  customer: sessionCustomerSchema,
})
export type TokenResponse = Static<typeof tokenResponseSchema>

/** The second factor's ids (an enrolment, a sign-in's challenge): base64url. */
export const mfaIdSchema = Type.String({
  minLength: 16,
  maxLength: 100,
  pattern: '^[A-Za-z0-9_-]+$',
})

/** POST /sessions with the right password when the second factor is on: no tokens yet (mfa.ts). */
export const mfaRequiredSchema = closedObject({
  mfaRequired: Type.Literal(true),
  challengeId: mfaIdSchema,
  /** The code step closes after 5 minutes (MFA_CHALLENGE_MINUTES). */
  expiresAt: instantSchema,
})
export type MfaRequired = Static<typeof mfaRequiredSchema>

/** With the account's address, so the app can sign the customer in with the new password. */
export const passwordResetResultSchema = statusSchema(['password_changed'], { email: emailSchema })
export type PasswordResetResult = Static<typeof passwordResetResultSchema>

/** POST /password-resets/check: the link can be used; for the address it was sent to, until when. */
export const passwordResetCheckSchema = statusSchema(['valid'], {
  email: emailSchema,
  expiresAt: instantSchema,
})
export type PasswordResetCheck = Static<typeof passwordResetCheckSchema>

// What the gateway answers the renderer instead (gateway.ts); types only, no import at run time.
export type { RendererSessionRequest, RendererSessionResponse, SessionState } from './gateway.ts'

const accepted = statusSchema(['accepted'])
const RATE_LIMITED = 'rate_limited (Retry-After)'
/** A request for an e-mail to an address: 202 whether or not it has an account. */
const mailRequest = {
  body: emailOnlyRequestSchema,
  answers: { 202: accepted },
  errors: { 429: RATE_LIMITED },
} as const

export const authRoutes = {
  'POST /registrations': {
    summary: 'Register; a confirmation link (24 h) goes to the address',
    tags: ['registration'],
    body: registrationRequestSchema,
    answers: { 202: registrationAcceptedSchema },
    errors: {
      400: 'validation_failed (password: too_short, too_common, contains_personal_data …; firstName, lastName: invalid_characters, too_long)',
      429: RATE_LIMITED,
    },
  },
  'POST /registrations/resend': {
    summary: 'Send the confirmation e-mail again (always 202)',
    tags: ['registration'],
    ...mailRequest,
  },
  'POST /registrations/confirm': {
    summary: 'Confirm the e-mail address with the link’s token',
    tags: ['registration'],
    body: tokenRequestSchema,
    answers: { 200: confirmationResultSchema },
    errors: {
      400: 'link_invalid (unknown, malformed or used)',
      410: 'link_expired (the registration data is gone)',
    },
  },
  'POST /sessions': {
    summary: 'Sign in',
    tags: ['sessions'],
    body: sessionRequestSchema,
    // 200: the second factor is on; POST /sessions/mfa follows with a code.
    answers: { 201: tokenResponseSchema, 200: mfaRequiredSchema },
    errors: {
      401: 'invalid_credentials (with attemptsLeft: wrong passwords left before the lock)',
      403: 'email_not_confirmed (only with the right password)',
      423: 'account_locked',
      429: RATE_LIMITED,
    },
  },
  'POST /sessions/refresh': {
    summary: 'Rotate the tokens (a used refresh token revokes its family)',
    tags: ['sessions'],
    body: refreshRequestSchema,
    answers: { 200: tokenResponseSchema },
    errors: { 401: 'session_revoked' },
  },
  'DELETE /sessions/current': {
    summary: 'Sign out: the session family is revoked',
    tags: ['sessions'],
    session: true,
    answers: { 204: null },
  },
  'POST /password-resets': {
    summary: 'Request a new password (always 202)',
    tags: ['passwords'],
    ...mailRequest,
  },
  'POST /password-resets/check': {
    summary: 'Check a reset link when its page opens (read-only: never uses it up or extends it)',
    tags: ['passwords'],
    body: tokenRequestSchema,
    answers: { 200: passwordResetCheckSchema },
    errors: {
      400: 'link_invalid (unknown, malformed or used)',
      410: 'link_expired (with email: the address the link was sent to)',
    },
  },
  'POST /password-resets/confirm': {
    summary: 'Set a new password with the reset link’s token',
    tags: ['passwords'],
    body: passwordResetConfirmSchema,
    answers: { 200: passwordResetResultSchema },
    errors: {
      400: 'link_invalid (unknown, malformed or used), validation_failed (newPassword: too_short, too_common, same_as_current …)',
      410: 'link_expired (with email)',
      429: 'rate_limited: more than 10 new passwords compared with the current one for this link',
    },
  },
  'PUT /me/password': {
    summary: 'Change the password',
    tags: ['passwords'],
    session: true,
    body: changePasswordSchema,
    answers: { 204: null },
    errors: {
      400: 'validation_failed (newPassword: too_short, too_common, same_as_current …)',
      403: 'invalid_credentials (with attemptsLeft)',
      423: 'account_locked (the third wrong password in a row, sign-ins included: every session ends)',
    },
  },
} as const satisfies RouteTable
