/**
 * Changing the sign-in address (api.md "Profile"): `POST /me/email-change`
 * sends a link to the new address, `POST /me/email-change/confirm` takes its token.
 */
import { Type, type Static } from 'typebox'
import { emailOnlyRequestSchema } from '../auth.ts'
import { codeSchema, emailSchema, instantSchema, passwordInputSchema } from '../limits.ts'

/** An e-mail change link is valid this long. */
export const EMAIL_CHANGE_LINK_HOURS = 24

export const emailChangeRequestSchema = Type.Object(
  {
    newEmail: emailOnlyRequestSchema.properties.email,
    password: passwordInputSchema,
  },
  { additionalProperties: false },
)
export type EmailChangeRequest = Static<typeof emailChangeRequestSchema>

/** POST /me/email-change: the same answer whether or not the new address has an account. */
export const emailChangeAcceptedSchema = Type.Object(
  {
    status: codeSchema(['confirmation_sent']),
    /** Until then the link works. */
    expiresAt: instantSchema,
  },
  { additionalProperties: false },
)
export type EmailChangeAccepted = Static<typeof emailChangeAcceptedSchema>

/** POST /me/email-change/confirm: the new address; sign in with it (every session was ended). */
export const emailChangeResultSchema = Type.Object(
  {
    status: codeSchema(['email_changed']),
    email: emailSchema,
  },
  { additionalProperties: false },
)
export type EmailChangeResult = Static<typeof emailChangeResultSchema>
