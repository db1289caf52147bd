/**
 * The details that identify a customer (customer number, last name, date of
 * birth), checked alike wherever they are asked: at registration and in the
 * correction after they matched no customer record.
 */
import type { FieldSpec } from '../composables/use-form.ts'
import { checkCustomerNumberWhileTyping, checkNameWhileTyping } from './name-typing.ts'
import { checkCustomerNumber, checkDateOfBirth, checkName } from './validators.ts'

export interface IdentityInput {
  customerNumber: string
  lastName: string
  dateOfBirth: string
}

/** The checks of the three fields, for useFormErrors. */
export function identityFieldSpecs(form: IdentityInput): Record<keyof IdentityInput, FieldSpec> {
  return {
    lastName: { value: () => form.lastName, check: () => checkName(form.lastName) },
    dateOfBirth: { value: () => form.dateOfBirth, check: () => checkDateOfBirth(form.dateOfBirth) },
    customerNumber: {
      value: () => form.customerNumber,
      check: () => checkCustomerNumber(form.customerNumber),
    },
  }
}

/** Points out at once what the last name or the customer number can never hold (see name-typing.ts). */
export function checkIdentityWhileTyping(
  form: IdentityInput,
  touch: (field: 'lastName' | 'customerNumber') => void,
): void {
  checkNameWhileTyping(
    () => form.lastName,
    () => touch('lastName'),
  )
  checkCustomerNumberWhileTyping(
    () => form.customerNumber,
    () => touch('customerNumber'),
  )
}
