/**
 * The rows of the profile page's sections, in words: what GET /me holds about
 * the person, the contact, the address, the bank details and the settings. The
 * phone number only once the account is activated (before, it cannot be set).
 */
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ProfileCustomer } from '../../../../shared/api/profile.ts'
// The numbering plans come with this lazy chunk, never with the app's first load.
import { formatPhoneNumber } from '../../../../shared/phone.ts'
import { useFormat } from '../../composables/use-format.ts'
import { countryName } from '../../forms/profile-checks.ts'
import { useAppStore } from '../../stores/app.ts'
import {
  notificationPreferencesOf,
  type NotificationPreferences,
} from '../../forms/notification-preferences.ts'
import type { ProfileRow } from './ProfileFieldList.vue'

/** The sections' rows of `customer`; empty while there is none. */
export function useProfileRows(customer: Ref<ProfileCustomer | null>, activated: Ref<boolean>) {
  const { t } = useI18n()
  const app = useAppStore()
  const format = useFormat()

  const yesNo = (value: boolean) => (value ? t('profile.yes') : t('profile.no'))
  const notSet = computed(() => t('profile.notSet'))

  /** A row labelled `profile.fields.<label>`: the row's key, where the label's key is not another. */
  const row = (key: string, value: string, label = key): ProfileRow => ({
    key,
    label: t(`profile.fields.${label}`),
    value,
  })

  /** A section's rows, built from its part of the customer; none while that part is missing. */
  const rowsOf = <T>(
    part: (c: ProfileCustomer) => T | null | undefined,
    build: (part: T) => ProfileRow[],
  ) =>
    computed<ProfileRow[]>(() => {
      const value = customer.value && part(customer.value)
      return value ? build(value) : []
    })

  const personRows = rowsOf(
    (c) => c,
    (c) => [
      row('salutation', t(`profile.salutation.${c.salutation}`)),
      row('name', `${c.firstName} ${c.lastName}`.trim()),
      row('dateOfBirth', format.date(c.dateOfBirth)),
      row('customerNumber', c.customerNumber),
    ],
  )

  const contactRows = rowsOf(
    (c) => c,
    (c) => {
      const rows: ProfileRow[] = [{ ...row('email', c.email), edit: 'email' }]
      if (activated.value) {
        const phone = c.phone ? formatPhoneNumber(c.phone) : notSet.value
        rows.push({ ...row('phone', phone), edit: 'phone' })
      }
      return rows
    },
  )

  const addressRows = rowsOf(
    (c) => c.address,
    (a) => [
      row('street', `${a.street} ${a.houseNumber}`.trim(), 'streetAndNumber'),
      row('postalCodeCity', `${a.postalCode} ${a.city}`.trim(), 'postalCodeAndCity'),
      row('country', countryName(a.country, app.locale)),
    ],
  )

  const bankRows = rowsOf(
    (c) => c.bankAccount,
    (b) => [row('iban', b.ibanMasked), row('accountHolder', b.accountHolder)],
  )

  const preferenceRows = rowsOf(
    (c) => c.preferences,
    (p) => [
      row('locale', t(`language.${p.locale}`, {}, { locale: p.locale })),
      row('paperless', yesNo(p.paperless)),
      row('marketingConsent', yesNo(p.marketingConsent)),
      ...notificationRows(notificationPreferencesOf(p)),
    ],
  )

  /** The notification settings, where the backend has them (issue 16). */
  function notificationRows(notifications: NotificationPreferences | null): ProfileRow[] {
    if (!notifications) return []
    return [
      row('emailReminders', yesNo(notifications.emailReminders)),
      row('desktopNotifications', yesNo(notifications.desktop)),
    ]
  }

  return { personRows, contactRows, addressRows, bankRows, preferenceRows }
}
