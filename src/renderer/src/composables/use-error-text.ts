/** The text of a failed call: the mapped message, or "try again in N minutes" when throttled. */
import { useI18n } from 'vue-i18n'
import type { UserError } from '../api/errors.ts'

/** Minutes to wait before trying again (429 with Retry-After), at least one; null when unknown. */
export function retryMinutes(error: UserError): number | null {
  if (error.code !== 'rate_limited' || error.retryAfterSeconds === null) return null
  return Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
}

/** Returns a function that renders a UserError in the current language. */
export function useErrorText(): (error: UserError) => string {
  const { t } = useI18n()
  return (error) => {
    const minutes = retryMinutes(error)
    if (minutes === 1) return t('errors.retryInOneMinute')
    if (minutes !== null) return t('errors.retryInMinutes', { minutes })
    return t(error.messageKey)
  }
}
