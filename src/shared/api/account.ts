/**
 * The portal account itself (api.md "Deleting the account"): DELETE /me ends
 * it. The schema is used by the backend's route; the type by the renderer.
 */

/** DELETE /me: the password confirms it. */
export interface AccountDeletionRequest {
  password: string
}

export const accountDeletionRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['password'],
  properties: { password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const
