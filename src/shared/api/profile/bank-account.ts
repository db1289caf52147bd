/**
 * The bank account for the direct debit (api.md "Profile"): as answers show it
 * (masked), `PUT /me/bank-account` that changes it, and the account holder's rule.
 */
import { Type, type Static } from 'typebox'
import type { FieldReason } from '../../errors.ts'
import { checkName, NAME_MAX_LENGTH } from '../../names.ts'
import { closedObject, ibanMaskedSchema, passwordInputSchema } from '../limits.ts'

/** The account holder is a name (src/shared/names.ts), within SEPA's 70 characters. */
export const ACCOUNT_HOLDER_MAX_LENGTH = NAME_MAX_LENGTH

/** `bankAccount` of the profile: `AT61 **** **** **** 3201`, the full IBAN never leaves the backend. */
export const bankAccountSchema = closedObject({
  ibanMasked: ibanMaskedSchema,
  accountHolder: Type.String({ maxLength: ACCOUNT_HOLDER_MAX_LENGTH }),
})
export type BankAccount = Static<typeof bankAccountSchema>

/** PUT /me/bank-account: the password and the SEPA mandate confirm it. */
export const bankAccountRequestSchema = closedObject({
  iban: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'Spaces and lower case are accepted; a SEPA country, its length, mod-97',
  }),
  accountHolder: Type.String({
    maxLength: 200,
    description: `A name: letters of any script, spaces, - ' and .; 1–${ACCOUNT_HOLDER_MAX_LENGTH} characters after trimming`,
  }),
  sepaMandateAccepted: Type.Literal(true),
  password: passwordInputSchema,
})
export type BankAccountRequest = Static<typeof bankAccountRequestSchema>

/** The account holder by the name rule (trimmed, inner spaces as one), or why not. */
export function checkAccountHolder(
  input: string,
): { ok: true; accountHolder: string } | { ok: false; reason: FieldReason } {
  const checked = checkName(input)
  return checked.ok ? { ok: true, accountHolder: checked.name } : checked
}
