import { CODE_MAX_LENGTH, countSchema, emailSchema } from './limits.ts'

/** JSON schema of the API's error body, shared by every route's error responses. */
export const apiErrorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', maxLength: CODE_MAX_LENGTH, pattern: '^[a-z_]+$' },
        message: { type: 'string', maxLength: 500 },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string', maxLength: CODE_MAX_LENGTH },
        },
        /** Why a request was refused (409 not_eligible), a stable code. */
        reason: { type: 'string', maxLength: CODE_MAX_LENGTH },
        /** Wrong passwords (invalid_credentials) or activation codes (activation_code_invalid, activation_locked) still possible before the lock. */
        attemptsLeft: countSchema(1000),
        /** The address a reset link was sent to (410 link_expired of POST /password-resets/check). */
        email: emailSchema,
      },
    },
  },
} as const
