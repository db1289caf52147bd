/**
 * Changing the sign-in address (api.md "Profile"): `POST /me/email-change`
 * sends a link to the new address, `POST /me/email-change/confirm` takes its token.
 */
import type { Static } from 'typebox'
import { emailOnlyRequestSchema } from '../auth.ts'
import {
  closedObject,
  emailSchema,
  instantSchema,
  passwordInputSchema,
  statusSchema,
} from '../limits.ts'

/** An e-mail change link is valid this long. */
export const EMAIL_CHANGE_LINK_HOURS = 24

export const emailChangeRequestSchema = closedObject({
  newEmail: emailOnlyRequestSchema.properties.email,
  password: passwordInputSchema,
})
export type EmailChangeRequest = Static<typeof emailChangeRequestSchema>

/**
 * POST /me/email-change: the same answer whether or not the new address has an
 * account; the link works until `expiresAt`.
 */
export const emailChangeAcceptedSchema = statusSchema(['confirmation_sent'], {
  expiresAt: instantSchema,
})
export type EmailChangeAccepted = Static<typeof emailChangeAcceptedSchema>

/** POST /me/email-change/confirm: the new address; sign in with it (every session was ended). */
export const emailChangeResultSchema = statusSchema(['email_changed'], { email: emailSchema })
export type EmailChangeResult = Static<typeof emailChangeResultSchema>
