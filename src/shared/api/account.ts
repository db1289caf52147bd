/**
 * The portal account itself (api.md "Deleting the account"): DELETE /me ends
 * it. The schema is used by the backend's route; the type by the renderer.
 */
import { Type, type Static } from 'typebox'
import { passwordInputSchema } from './limits.ts'

/** DELETE /me: the password confirms it. */
export const accountDeletionRequestSchema = Type.Object(
  { password: passwordInputSchema },
  { additionalProperties: false },
)
export type AccountDeletionRequest = Static<typeof accountDeletionRequestSchema>
