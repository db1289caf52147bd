/**
 * The profile itself (api.md "Profile"): `customer` of GET /me, PATCH /me and
 * PUT /me/bank-account, its preferences, and PATCH /me's body.
 */
import { Type, type Static } from 'typebox'
import type { FieldReason } from '../../errors.ts'
import type { IbanProblem } from '../../iban.ts'
import { LOCALES, SALUTATIONS } from '../auth.ts'
import {
  closedObject,
  codeSchema,
  customerNumberSchema,
  dateSchema,
  emailSchema,
  NAME_MAX_LENGTH,
  nullable,
  PASSWORD_INPUT_MAX_LENGTH,
} from '../limits.ts'
import { addressSchema } from './address.ts'
import { bankAccountSchema } from './bank-account.ts'

/** At most this many address changes per customer in any 24 hours. */
export const ADDRESS_CHANGES_PER_DAY = 5
/** A phone number as typed (with spaces and brackets), before src/shared/phone.ts reads it. */
export const PHONE_INPUT_MAX_LENGTH = 40

/** Reason codes of `fields` in profile answers: the general ones plus the IBAN's. */
export type ProfileFieldReason = FieldReason | IbanProblem

const notificationPreferencesProperties = {
  /** Instalment reminders by e-mail, 3 days before a due date (default false). */
  emailReminders: Type.Boolean(),
  /** System notifications of the desktop app (default true). */
  desktop: Type.Boolean(),
}

const preferencesProperties = {
  locale: codeSchema(LOCALES),
  /** Correspondence only in the postbox, no paper copies. */
  paperless: Type.Boolean(),
  marketingConsent: Type.Boolean(),
  /**
   * Always in the answers of the backend; optional in the type only so that the
   * renderer's forms and fixtures written before it still compile (issue 16).
   */
  notifications: Type.Optional(closedObject(notificationPreferencesProperties)),
}

export const preferencesSchema = closedObject(preferencesProperties)
export type Preferences = Static<typeof preferencesSchema>

export const profileCustomerSchema = closedObject({
  salutation: codeSchema(SALUTATIONS),
  firstName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  lastName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  dateOfBirth: dateSchema,
  customerNumber: customerNumberSchema,
  email: emailSchema,
  /** null when none is on file or before activation. */
  phone: nullable(
    Type.String({ maxLength: 16, pattern: '^\\+[1-9][0-9]{1,14}$', description: 'E.164' }),
  ),
  /** null before activation (and for an account matched to no customer record). */
  address: nullable(addressSchema),
  bankAccount: nullable(bankAccountSchema),
  preferences: preferencesSchema,
  activated: Type.Boolean(),
})
export type ProfileCustomer = Static<typeof profileCustomerSchema>

/** The answer of GET /me, PATCH /me and PUT /me/bank-account (with the ETag in its header). */
export const profileAnswerSchema = closedObject({ customer: profileCustomerSchema })
export type ProfileAnswer = Static<typeof profileAnswerSchema>

/** PATCH /me: at least one of them; `phone: null` removes the number. */
export const profilePatchSchema = closedObject(
  {
    phone: Type.Optional(
      nullable(
        Type.String({
          maxLength: PHONE_INPUT_MAX_LENGTH,
          description:
            'As customers write it (0664 1234567, +43 664 1234567, 0043 …); checked by the numbering plan of its country (length, type), stored in E.164',
        }),
      ),
    ),
    address: Type.Optional(addressSchema),
    preferences: Type.Optional(
      // Written out rather than Type.Partial of an object holding another partial:
      // that pulled TypeBox's whole type machinery into the renderer's first load.
      closedObject(
        {
          locale: Type.Optional(codeSchema(LOCALES)),
          paperless: Type.Optional(Type.Boolean()),
          marketingConsent: Type.Optional(Type.Boolean()),
          notifications: Type.Optional(
            closedObject(
              {
                emailReminders: Type.Optional(Type.Boolean()),
                desktop: Type.Optional(Type.Boolean()),
              },
              { minProperties: 1 },
            ),
          ),
        },
        { minProperties: 1 },
      ),
    ),
    password: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: PASSWORD_INPUT_MAX_LENGTH,
        description:
          'Required with address (password: required): the password confirms an address change',
      }),
    ),
  },
  { minProperties: 1 },
)
export type ProfilePatch = Static<typeof profilePatchSchema>
