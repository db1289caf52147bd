/**
 * The text of a field message key. Messages get the password limits and the "@"
 * as parameters: vue-i18n would read a literal "@" as a linked message.
 */
import { useI18n } from 'vue-i18n'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/api/auth.ts'

const FIELD_PARAMS = { at: '@', min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH } as const

/** Returns a function from a message key (or null) to its text (or null). */
export function useFieldText(): (key: string | null) => string | null {
  const { t } = useI18n()
  return (key) => (key ? t(key, FIELD_PARAMS) : null)
}
