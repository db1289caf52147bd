/**
 * A name checked as the customer types: a character no name may hold (a digit,
 * "@", "/", a line break …) is pointed out at once, not only when the field is
 * left; the other checks (empty, too long) wait for the blur as elsewhere.
 */
import { watch } from 'vue'
import { onlyNameCharacters } from '../../../shared/names.ts'

/** Calls `touch` (the field's check) as soon as `value` holds a character the name rule refuses. */
export function checkNameWhileTyping(value: () => string, touch: () => void): void {
  watch(value, (name) => {
    if (!onlyNameCharacters(name)) touch()
  })
}
