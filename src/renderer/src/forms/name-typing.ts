/**
 * Fields checked as the customer types: a character the field can never hold
 * (a digit or "@" in a name, a letter or a tenth digit in a customer number) is
 * pointed out at once, not only when the field is left; the other checks (empty,
 * too short) wait for the blur as elsewhere.
 */
import { watch } from 'vue'
import { couldBeCustomerNumber } from '../../../shared/customer-number.ts'
import { onlyNameCharacters } from '../../../shared/names.ts'

/** Calls `touch` (the field's check) as soon as `value` is something `fits` refuses. */
export function checkWhileTyping(
  value: () => string,
  fits: (input: string) => boolean,
  touch: () => void,
): void {
  watch(value, (input) => {
    if (!fits(input)) touch()
  })
}

/** Calls `touch` (the field's check) as soon as `value` holds a character the name rule refuses. */
export function checkNameWhileTyping(value: () => string, touch: () => void): void {
  checkWhileTyping(value, onlyNameCharacters, touch)
}

/** Calls `touch` as soon as `value` can no longer become a customer number. */
export function checkCustomerNumberWhileTyping(value: () => string, touch: () => void): void {
  checkWhileTyping(value, couldBeCustomerNumber, touch)
}
