/**
 * The texts of "send to my e-mail": the confirmation with the masked address, and
 * why sending failed; for the e-mail limit (429) with how long to wait, read from
 * the API's Retry-After (minutes for the hourly limit, hours for the daily one).
 */
import { useI18n } from 'vue-i18n'
import type { UserError } from '../../api/errors.ts'
import { useErrorText } from '../../composables/use-error-text.ts'
import type { EmailState } from '../../stores/documents.ts'

/** Up to this many minutes the wait is said in minutes, beyond it in hours. */
const MINUTES_UP_TO = 90

/** How long to wait before sending again, rounded up; null when the API did not say. */
export function emailRetryWait(
  error: UserError,
): { unit: 'minutes' | 'hours'; count: number } | null {
  if (error.code !== 'rate_limited' || error.retryAfterSeconds === null) return null
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
  if (minutes <= MINUTES_UP_TO) return { unit: 'minutes', count: minutes }
  return { unit: 'hours', count: Math.ceil(minutes / 60) }
}

/** Returns functions that put an EmailState into words in the current language. */
export function useEmailText() {
  const { t } = useI18n()
  const errorText = useErrorText()

  function limitText(error: UserError): string {
    const wait = emailRetryWait(error)
    if (wait === null) return t('documents.kiosk.rateLimited')
    if (wait.unit === 'minutes') {
      return wait.count === 1
        ? t('documents.kiosk.rateLimitedMinute')
        : t('documents.kiosk.rateLimitedMinutes', { minutes: wait.count })
    }
    return wait.count === 1
      ? t('documents.kiosk.rateLimitedHour')
      : t('documents.kiosk.rateLimitedHours', { count: wait.count })
  }

  /** "Das Dokument konnte nicht gesendet werden." and the reason. */
  function failureText(error: UserError): string {
    const reason = error.code === 'rate_limited' ? limitText(error) : errorText(error)
    return `${t('documents.kiosk.sendFailed')} ${reason}`
  }

  /** The polite announcement: sending, or sent to the masked address; '' otherwise. */
  function statusText(state: EmailState | null): string {
    if (state?.status === 'sending') return t('documents.kiosk.sendingStatus')
    if (state?.status === 'sent') return t('documents.kiosk.sent', { address: state.to })
    return ''
  }

  return { failureText, statusText }
}
