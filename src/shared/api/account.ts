/**
 * The portal account itself (api.md "Deleting the account"): DELETE /me ends
 * it. The schema is used by the backend's route; the type by the renderer.
 */
import type { Static } from 'typebox'
import { closedObject, passwordInputSchema } from './limits.ts'

/** DELETE /me: the password confirms it. */
export const accountDeletionRequestSchema = closedObject({ password: passwordInputSchema })
export type AccountDeletionRequest = Static<typeof accountDeletionRequestSchema>
