/**
 * The IBAN input as the customer types: upper case, groups of four
 * (`AT61 1904 3002 …`), at most 34 characters, the caret kept after the same
 * character it was after. Deleting across a group's space deletes the
 * character beside it, not only the space the field would put back at once.
 */
import { formatIban } from '../../../shared/iban.ts'

/** ISO 13616: an IBAN has at most 34 characters. */
export const IBAN_MAX_LENGTH = 34

/** The IBAN characters of a text: letters and digits, upper case. */
export function ibanCharacters(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** The caret position in a grouped IBAN after `count` characters. */
function positionAfter(count: number): number {
  return count === 0 ? 0 : count + Math.floor((count - 1) / 4)
}

export interface IbanEdit {
  /** The grouped IBAN to show. */
  value: string
  /** Where the caret goes. */
  caret: number
}

/**
 * The field's new value and caret after an input event: `previous` was shown,
 * the browser made it `raw` with the caret at `caret`; `inputType` is the
 * InputEvent's (`deleteContentBackward` for Backspace, `deleteContentForward` for Delete).
 */
export function editIban(previous: string, raw: string, caret: number, inputType = ''): IbanEdit {
  let characters = ibanCharacters(raw)
  let before = ibanCharacters(raw.slice(0, caret)).length
  // Only a separating space went: take the character beside it instead.
  if (characters === ibanCharacters(previous) && raw.length < previous.length) {
    if (inputType === 'deleteContentBackward' && before > 0) {
      characters = characters.slice(0, before - 1) + characters.slice(before)
      before -= 1
    } else if (inputType === 'deleteContentForward') {
      characters = characters.slice(0, before) + characters.slice(before + 1)
    }
  }
  characters = characters.slice(0, IBAN_MAX_LENGTH)
  return {
    value: formatIban(characters),
    caret: positionAfter(Math.min(before, characters.length)),
  }
}
