/**
 * The warning after a wrong password: how many more may be tried before the account
 * locks, when the API says so (`attemptsLeft`), else the rule itself.
 */
import { useI18n } from 'vue-i18n'

/** Returns a function from the attempts left (null: not said) to the warning in the current language. */
export function useLockWarning(): (attemptsLeft: number | null) => string {
  const { t } = useI18n()
  return (attemptsLeft) => {
    if (attemptsLeft === null) return t('lockWarning.rule')
    if (attemptsLeft === 1) return t('lockWarning.one')
    return t('lockWarning.many', { count: attemptsLeft })
  }
}
