import { Type, type Static } from 'typebox'
import { closedObject, CODE_MAX_LENGTH, countSchema, emailSchema } from './limits.ts'

/** The API's error body, shared by every route's error answers. */
export const apiErrorSchema = closedObject({
  error: closedObject({
    code: Type.String({ maxLength: CODE_MAX_LENGTH, pattern: '^[a-z_]+$' }),
    message: Type.String({ maxLength: 500 }),
    /** What is wrong with each field, by the field's name. */
    fields: Type.Optional(
      Type.Unsafe<Record<string, string>>({
        type: 'object',
        additionalProperties: { type: 'string', maxLength: CODE_MAX_LENGTH },
      }),
    ),
    /** Why a request was refused (409 not_eligible), a stable code. */
    reason: Type.Optional(Type.String({ maxLength: CODE_MAX_LENGTH })),
    /** Wrong passwords (invalid_credentials) or activation codes (activation_code_invalid, activation_locked) still possible before the lock. */
    attemptsLeft: Type.Optional(countSchema(1000)),
    /** The address a reset link was sent to (410 link_expired of POST /password-resets/check). */
    email: Type.Optional(emailSchema),
  }),
})
export type ApiErrorBody = Static<typeof apiErrorSchema>
