/**
 * The customer's notification settings (`preferences.notifications` of GET /me,
 * issue 16): instalment reminders by e-mail, and the desktop app's system
 * notifications. Read only where the backend's answer carries them: a backend
 * without them shows no switches.
 */
import { isRecord } from '../api/shape.ts'

export interface NotificationPreferences {
  emailReminders: boolean
  desktop: boolean
}

/** The notification settings in `preferences`, or null when the answer has none. */
export function notificationPreferencesOf(
  preferences: object | null | undefined,
): NotificationPreferences | null {
  if (!preferences || !('notifications' in preferences)) return null
  const value: unknown = preferences.notifications
  if (!isRecord(value)) return null
  const { emailReminders, desktop } = value
  if (typeof emailReminders !== 'boolean' || typeof desktop !== 'boolean') return null
  return { emailReminders, desktop }
}
