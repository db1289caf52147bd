import { CODE_MAX_LENGTH } from './limits.ts'

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
        /** Tries left before a lock (a wrong activation code). */
        attemptsLeft: { type: 'integer', format: 'int32', minimum: 0, maximum: 100 },
      },
    },
  },
} as const
