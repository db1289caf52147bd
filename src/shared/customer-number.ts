/**
 * The customer number the bank prints on every contract: nine digits. Spaces
 * do not matter (`100 517 903` is `100517903`); anything else is a typo that
 * could only end in "no matching record", so the backend refuses it
 * (`invalid_format`) and the forms point it out while the customer types.
 */
import type { FieldReason } from './errors.ts'

export const CUSTOMER_NUMBER_DIGITS = 9

/** What checkCustomerNumber can find wrong. */
export type CustomerNumberProblem = Extract<FieldReason, 'required' | 'invalid_format'>

/** The customer number as stored and compared: without white space. */
export function normaliseCustomerNumber(input: string): string {
  return input.replace(/\s+/g, '')
}

/** Checks a customer number; the normalised number, or the reason (`required`, `invalid_format`). */
export function checkCustomerNumber(
  input: string,
): { ok: true; customerNumber: string } | { ok: false; reason: CustomerNumberProblem } {
  const customerNumber = normaliseCustomerNumber(input)
  if (customerNumber === '') return { ok: false, reason: 'required' }
  if (!/^[0-9]+$/.test(customerNumber) || customerNumber.length !== CUSTOMER_NUMBER_DIGITS) {
    return { ok: false, reason: 'invalid_format' }
  }
  return { ok: true, customerNumber }
}

/**
 * false once the input can no longer become a customer number (a letter, a
 * sign, a tenth digit): what the forms point out while the customer types.
 */
export function couldBeCustomerNumber(input: string): boolean {
  const digits = normaliseCustomerNumber(input)
  return /^[0-9]*$/.test(digits) && digits.length <= CUSTOMER_NUMBER_DIGITS
}
