/**
 * The second factor (api.md "Second factor"): TOTP by RFC 6238 (SHA-1, 6
 * digits, 30 s) with 10 single-use recovery codes, its enrolment on the
 * profile, and the sign-in's code step. What the gateway answers the renderer
 * instead on the sign-in's paths (no challenge id, no tokens) is in gateway.ts.
 */
import { Type, type Static } from 'typebox'
import { mfaIdSchema as idSchema, tokenResponseSchema } from './auth.ts'
import type { RouteTable } from './contract.ts'
import { closedObject, countSchema, passwordInputSchema } from './limits.ts'

export const TOTP_DIGITS = 6
export const TOTP_PERIOD_SECONDS = 30
/** Codes of the current step and one on either side are accepted. */
export const TOTP_WINDOW_STEPS = 1
export const RECOVERY_CODE_COUNT = 10
/** A recovery code as shown: 8 characters of a 32-letter alphabet in two groups, `xxxx-xxxx`. */
export const RECOVERY_CODE_PATTERN = '^[a-z2-9]{4}-[a-z2-9]{4}$'
/** How long a sign-in's code step stays open. */
export const MFA_CHALLENGE_MINUTES = 5

/**
 * A code as the customer types it: 6 digits or a recovery code, spaces and
 * case ignored; anything else is answered `401 invalid_code` like a wrong one.
 */
export const mfaCodeInputSchema = Type.String({
  minLength: 1,
  maxLength: 20,
  description: `${TOTP_DIGITS} digits from the authenticator app, or a recovery code xxxx-xxxx (spaces ignored)`,
})

export const mfaStatusSchema = closedObject({
  enabled: Type.Boolean(),
  recoveryCodesLeft: countSchema(RECOVERY_CODE_COUNT),
})
export type MfaStatus = Static<typeof mfaStatusSchema>

export const passwordOnlySchema = closedObject({ password: passwordInputSchema })

export const totpEnrolmentSchema = closedObject({
  enrolmentId: idSchema,
  secret: Type.String({ maxLength: 64, pattern: '^[A-Z2-7]+$', description: 'Base32, no padding' }),
  otpauthUri: Type.String({ maxLength: 512, description: 'otpauth://totp/… for the QR code' }),
})
export type TotpEnrolment = Static<typeof totpEnrolmentSchema>

export const totpConfirmSchema = closedObject({ enrolmentId: idSchema, code: mfaCodeInputSchema })

export const recoveryCodesSchema = Type.Array(
  Type.String({ maxLength: 9, pattern: RECOVERY_CODE_PATTERN }),
  { minItems: RECOVERY_CODE_COUNT, maxItems: RECOVERY_CODE_COUNT },
)

export const totpEnabledSchema = closedObject({
  enabled: Type.Literal(true),
  recoveryCodes: recoveryCodesSchema,
})
export type TotpEnabled = Static<typeof totpEnabledSchema>

export const recoveryCodesAnswerSchema = closedObject({ recoveryCodes: recoveryCodesSchema })
export type RecoveryCodesAnswer = Static<typeof recoveryCodesAnswerSchema>

/** Password and a code: disabling the second factor and new recovery codes. */
export const passwordAndCodeSchema = closedObject({
  password: passwordInputSchema,
  code: mfaCodeInputSchema,
})

// In auth.ts, whose POST /sessions answers it (this file imports auth.ts, not the other way).
export { mfaRequiredSchema, type MfaRequired } from './auth.ts'

export const mfaSessionRequestSchema = closedObject({
  challengeId: idSchema,
  code: mfaCodeInputSchema,
})
export type MfaSessionRequest = Static<typeof mfaSessionRequestSchema>

const signedIn = { tags: ['second factor'], session: true } as const
const PASSWORD_ERRORS = {
  401: 'unauthenticated',
  403: 'invalid_credentials (wrong password, with attemptsLeft)',
  423: 'account_locked (the third wrong password or code in a row: every session ends)',
} as const
/** A change to the second factor while it is on: confirmed with the password and a code. */
const withPasswordAndCode = {
  ...signedIn,
  body: passwordAndCodeSchema,
  errors: {
    ...PASSWORD_ERRORS,
    403: 'invalid_credentials (wrong password, with attemptsLeft), invalid_code (wrong, used or expired code, with attemptsLeft)',
    409: 'mfa_not_enabled',
  },
} as const

export const mfaRoutes = {
  'GET /me/mfa': {
    summary: 'Whether the second factor is on, and how many recovery codes are left',
    ...signedIn,
    answers: { 200: mfaStatusSchema },
    errors: { 401: 'unauthenticated' },
  },
  'POST /me/mfa/totp': {
    summary: 'Start the enrolment (password): a new secret, not active until confirmed',
    ...signedIn,
    body: passwordOnlySchema,
    answers: { 201: totpEnrolmentSchema },
    errors: { ...PASSWORD_ERRORS, 409: 'mfa_already_enabled' },
  },
  'POST /me/mfa/totp/confirm': {
    summary: 'Confirm the enrolment with a first code: on, and the recovery codes, shown once',
    ...signedIn,
    body: totpConfirmSchema,
    answers: { 200: totpEnabledSchema },
    errors: {
      401: 'unauthenticated',
      403: 'invalid_code',
      404: 'enrolment_not_found (unknown or expired: start again)',
    },
  },
  'DELETE /me/mfa': {
    summary: 'Turn the second factor off (password and a code or recovery code)',
    ...withPasswordAndCode,
    answers: { 204: null },
  },
  'POST /me/mfa/recovery-codes': {
    summary: 'A new set of recovery codes (password and a code); the old set stops working',
    ...withPasswordAndCode,
    answers: { 200: recoveryCodesAnswerSchema },
  },
  'POST /sessions/mfa': {
    summary: 'The sign-in’s code step: the challenge of POST /sessions and a code',
    tags: ['sessions'],
    body: mfaSessionRequestSchema,
    answers: { 201: tokenResponseSchema },
    errors: {
      401: 'invalid_code (wrong or used code, with attemptsLeft), challenge_expired (5 minutes passed or unknown: sign in again)',
      423: 'account_locked',
      429: 'rate_limited (Retry-After)',
    },
  },
} as const satisfies RouteTable
